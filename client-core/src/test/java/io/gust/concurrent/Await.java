package io.gust.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.Eventually;
import io.gust.testing.OnLoop;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Bounded waits for the combinator tests: never a sleep, always a future, with a limit. */
final class Await {
  private static final long LIMIT_SECONDS = 10;

  private Await() {}

  /** The value of {@code future}, waiting at most ten seconds. */
  static <T> T value(CompletableFuture<T> future) throws Exception {
    return future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
  }

  /** The error {@code future} failed with, waiting at most ten seconds. */
  static Throwable failure(CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> future.get(LIMIT_SECONDS, TimeUnit.SECONDS));
    return e.getCause();
  }

  /** Asserts {@code future} was cancelled (waiting for it, should that come from a loop). */
  static void cancelled(CompletableFuture<?> future) {
    assertThrows(CancellationException.class,
        () -> future.get(LIMIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(future.isCancelled());
  }

  /** Runs {@code body} on {@code loop} and returns its result once it ran. */
  static <T> T onLoop(EventLoop loop, Callable<T> body) throws Exception {
    return OnLoop.call(loop, body);
  }

  /** Asserts the referent becomes collectable, running the collector until it is, with a bound. */
  static void collected(WeakReference<?> reference, String what) {
    Eventually.assertThat(Duration.ofSeconds(10), () -> what + " is still reachable", () -> {
      System.gc();
      return reference.get() == null;
    });
  }

  /** Asserts {@code future} has no callback of anyone waiting on it. */
  static void noDependents(CompletableFuture<?> future) {
    assertEquals(0, future.getNumberOfDependents(), "callbacks left on " + future);
  }
}

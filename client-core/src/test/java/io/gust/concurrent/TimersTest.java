package io.gust.concurrent;

import static io.gust.concurrent.Await.collected;
import static io.gust.concurrent.Await.failure;
import static io.gust.concurrent.Await.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.ManualLoop;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TimersTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final ManualLoop manual = new ManualLoop();
  private final CompletableFuture<String> input = new CompletableFuture<>();

  @AfterEach
  void closeLoop() {
    manual.close();
  }

  @Test
  void withTimeoutFailsOnceTheTimeoutPassesAndLeavesTheInputByDefault() throws Exception {
    CompletableFuture<String> timed = withTimeout(Remaining.LEAVE);
    manual.advance(MINUTE.minusNanos(1));
    assertFalse(timed.isDone());
    manual.advance(Duration.ofNanos(1));
    FutureTimeoutException timeout = (FutureTimeoutException) failure(timed);
    assertEquals(MINUTE, timeout.timeout());
    assertFalse(input.isDone());
  }

  @Test
  void withTimeoutCancelsTheInputWhenAsked() throws Exception {
    CompletableFuture<String> timed = withTimeout(Remaining.CANCEL);
    manual.advance(MINUTE);
    assertTrue(failure(timed) instanceof FutureTimeoutException);
    assertTrue(input.isCancelled());
  }

  @Test
  void withTimeoutPassesOnAnOutcomeThatArrivesInTime() throws Exception {
    CompletableFuture<String> timed = withTimeout(Remaining.CANCEL);
    input.complete("in time");
    assertEquals("in time", value(timed));
    manual.advance(MINUTE);
    assertEquals("in time", value(timed));

    IOException cause = new IOException("failed in time");
    CompletableFuture<String> failing = new CompletableFuture<>();
    CompletableFuture<String> timedFailure =
        Futures.withTimeout(failing, MINUTE, Remaining.LEAVE, manual.loop);
    failing.completeExceptionally(cause);
    assertSame(cause, failure(timedFailure));
  }

  @Test
  void withTimeoutCancelsItsTimerWhenTheInputCompletesFirst() throws Exception {
    WeakReference<CompletableFuture<String>> timed =
        new WeakReference<>(withTimeout(Remaining.LEAVE));
    input.complete("first");
    manual.pass();
    collected(timed, "a timed future whose timer should be gone");
  }

  @Test
  void withTimeoutOfACompletedFutureArmsNoTimer() throws Exception {
    CompletableFuture<String> done = CompletableFuture.completedFuture("done");
    WeakReference<CompletableFuture<String>> timed =
        new WeakReference<>(Futures.withTimeout(done, MINUTE, Remaining.LEAVE, manual.loop));
    assertEquals("done", done.getNow(null));
    manual.pass();
    collected(timed, "a timed future of a completed input");
  }

  @Test
  void cancellingTheTimedFutureCancelsTheInputOnlyWhenAsked() {
    withTimeout(Remaining.LEAVE).cancel(true);
    assertFalse(input.isDone());
    withTimeout(Remaining.CANCEL).cancel(true);
    assertTrue(input.isCancelled());
  }

  @Test
  void sleepCompletesOnTheLoopThreadOnceTheDelayPassed() throws Exception {
    CompletableFuture<Void> sleep = Futures.sleep(MINUTE, manual.loop);
    CompletableFuture<String> thread = sleep.thenApply(v -> Thread.currentThread().getName());
    manual.advance(Duration.ofSeconds(59));
    assertFalse(sleep.isDone());
    manual.advance(Duration.ofSeconds(1));
    assertEquals(manual.loop.name(), value(thread));
  }

  @Test
  void cancellingASleepCancelsItsTimer() throws Exception {
    CompletableFuture<Void> sleep = Futures.sleep(MINUTE, manual.loop);
    WeakReference<CompletableFuture<Void>> reference = new WeakReference<>(sleep);
    assertTrue(sleep.cancel(true));
    sleep = null;
    manual.pass();
    collected(reference, "a cancelled sleep whose timer should be gone");
  }

  @Test
  void timersOnAClosedLoopFailTheirFuture() {
    EventLoop closed = EventLoop.create();
    closed.close();
    assertTrue(failure(Futures.sleep(MINUTE, closed)) instanceof RejectedExecutionException);
    assertTrue(failure(Futures.withTimeout(input, MINUTE, Remaining.LEAVE, closed))
        instanceof RejectedExecutionException);
  }

  @Test
  void withoutALoopTheSharedGustTimerLoopKeepsTime() throws Exception {
    // Long enough that the dependent is registered before the timer fires, even on a busy machine.
    CompletableFuture<String> thread =
        Futures.sleep(Duration.ofMillis(200)).thenApply(v -> Thread.currentThread().getName());
    assertEquals("gust-timer", value(thread));
    assertTrue(failure(Futures.withTimeout(input, Duration.ofMillis(1)))
        instanceof FutureTimeoutException);
  }

  @Test
  void onALoopThatLoopKeepsTime() throws Exception {
    CompletableFuture<Void> sleep = Await.onLoop(manual.loop, () -> Futures.sleep(MINUTE));
    manual.advance(MINUTE);
    assertTrue(sleep.isDone());
  }

  private CompletableFuture<String> withTimeout(Remaining remaining) {
    return Futures.withTimeout(input, MINUTE, remaining, manual.loop);
  }
}

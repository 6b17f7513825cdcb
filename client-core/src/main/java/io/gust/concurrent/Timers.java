package io.gust.concurrent;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code sleep} and {@code withTimeout} on loop timers, and the loop that serves callers who name
 * none.
 *
 * <p>Every timer is cancelled as soon as the future it guards is decided another way, so a
 * timeout that did not fire leaves nothing in the loop's timer heap.
 */
final class Timers {
  private Timers() {}

  /** The shared daemon loop {@code gust-timer}, created on first use and never closed. */
  private static final class Shared {
    static final EventLoop LOOP = EventLoop.builder().name("gust-timer").daemon(true).build();
  }

  /** The calling thread's loop when it is one, otherwise the shared {@code gust-timer} loop. */
  static EventLoop defaultLoop() {
    EventLoop current = EventLoop.current();
    return current != null ? current : Shared.LOOP;
  }

  /** A future completed with null on {@code loop} after {@code delay}. */
  static CompletableFuture<Void> sleep(Duration delay, EventLoop loop) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(loop, "loop");
    CompletableFuture<Void> result = new CompletableFuture<>();
    Cancellable timer = schedule(loop, delay, () -> result.complete(null), result);
    if (timer != null) {
      result.whenComplete((value, error) -> timer.cancel());
    }
    return result;
  }

  /** {@code input}'s outcome, or a {@link FutureTimeoutException} once {@code timeout} passed. */
  static <T> CompletableFuture<T> withTimeout(CompletableFuture<T> input, Duration timeout,
      Remaining remaining, EventLoop loop) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(loop, "loop");
    CompletableFuture<T> result = new CompletableFuture<>();
    if (!input.isDone()) {
      Cancellable timer = schedule(loop, timeout,
          () -> result.completeExceptionally(new FutureTimeoutException(timeout)), result);
      result.whenComplete((value, error) -> {
        if (timer != null) {
          timer.cancel();
        }
        if (remaining == Remaining.CANCEL) {
          input.cancel(true);
        }
      });
    }
    input.whenComplete((value, error) -> relay(result, value, error));
    return result;
  }

  /** Completes {@code target} like a {@code whenComplete} callback saw its source complete. */
  static <T> void relay(CompletableFuture<T> target, T value, Throwable error) {
    if (error == null) {
      target.complete(value);
    } else {
      target.completeExceptionally(Outcome.cause(error));
    }
  }

  /** Schedules {@code task}, or fails {@code owner} and returns null when the loop is closed. */
  static Cancellable schedule(EventLoop loop, Duration delay, Runnable task,
      CompletableFuture<?> owner) {
    try {
      return loop.schedule(delay, task);
    } catch (RejectedExecutionException e) {
      owner.completeExceptionally(e);
      return null;
    }
  }
}

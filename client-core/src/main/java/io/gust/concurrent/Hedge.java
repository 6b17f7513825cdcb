package io.gust.concurrent;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Hedged attempts: the first starts at once; each next one starts when {@code delay} passed since
 * the previous start without a success, or at once when an attempt fails; at most
 * {@code maxAttempts} in all. The first success wins and every other attempt is cancelled.
 *
 * <p>The first attempt starts on the calling thread, later ones on the loop thread. The small
 * mutable state is guarded by this object's monitor, which is never held while calling the
 * supplier, cancelling or completing a future.
 */
final class Hedge<T> {
  private final Supplier<? extends CompletableFuture<? extends T>> attempt;
  private final Duration delay;
  private final int maxAttempts;
  private final EventLoop loop;
  final CompletableFuture<T> result = new CompletableFuture<>();

  /** Attempts started and not yet finished. Guarded by this. */
  private final List<CompletableFuture<?>> running = new ArrayList<>();
  /** Errors of the failed attempts, in the order they failed. Guarded by this. */
  private final List<Throwable> errors = new ArrayList<>();
  /** Attempts started so far. Guarded by this. */
  private int started;
  /** The timer that starts the next attempt, or null. Guarded by this. */
  private Cancellable timer;

  Hedge(Supplier<? extends CompletableFuture<? extends T>> attempt, Duration delay,
      int maxAttempts, EventLoop loop) {
    this.attempt = attempt;
    this.delay = delay;
    this.maxAttempts = maxAttempts;
    this.loop = loop;
  }

  CompletableFuture<T> start() {
    result.whenComplete((value, error) -> stop());
    startNext(-1);
    return result;
  }

  /** Starts an attempt unless decided or exhausted, or (for a timer) one started since armed. */
  private void startNext(int expected) {
    synchronized (this) {
      if (result.isDone() || started == maxAttempts || (expected >= 0 && started != expected)) {
        return;
      }
      started++;
    }
    CompletableFuture<? extends T> future = invoke();
    boolean decided;
    RejectedExecutionException closed = null;
    synchronized (this) {
      decided = result.isDone();
      if (!decided) {
        running.add(future);
        closed = armTimer();
      }
    }
    if (decided) {
      future.cancel(true);
      return;
    }
    future.whenComplete((value, error) -> onAttemptDone(future, value, error));
    if (closed != null) {
      failClosed(closed);
    }
  }

  private CompletableFuture<? extends T> invoke() {
    try {
      CompletableFuture<? extends T> future = attempt.get();
      return future != null ? future
          : CompletableFuture.failedFuture(new NullPointerException("attempt returned null"));
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  /** Replaces the timer by one for the next attempt, if any remains. Holds the monitor. */
  private RejectedExecutionException armTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (started < maxAttempts) {
      int armedAt = started;
      try {
        timer = loop.schedule(delay, () -> startNext(armedAt));
      } catch (RejectedExecutionException e) {
        return e;
      }
    }
    return null;
  }

  /** The loop closed under us: fail with that, keeping the errors of the attempts so far. */
  private void failClosed(RejectedExecutionException closed) {
    synchronized (this) {
      errors.forEach(closed::addSuppressed);
    }
    result.completeExceptionally(closed);
  }

  private void onAttemptDone(CompletableFuture<?> future, T value, Throwable error) {
    if (error == null) {
      result.complete(value);
      return;
    }
    List<Throwable> allErrors = null;
    synchronized (this) {
      running.remove(future);
      if (result.isDone()) {
        return;
      }
      errors.add(Outcome.cause(error));
      if (errors.size() == maxAttempts) {
        allErrors = List.copyOf(errors);
      }
    }
    if (allErrors != null) {
      result.completeExceptionally(new AllFailedException(
          "all " + maxAttempts + " attempts failed", allErrors));
      return;
    }
    try {
      loop.execute(() -> startNext(-1));
    } catch (RejectedExecutionException e) {
      failClosed(e);
    }
  }

  /** Once decided: no more attempts, and those still running are cancelled. */
  private void stop() {
    List<CompletableFuture<?>> losers;
    synchronized (this) {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
      losers = new ArrayList<>(running);
      running.clear();
    }
    for (CompletableFuture<?> loser : losers) {
      loser.cancel(true);
    }
  }
}

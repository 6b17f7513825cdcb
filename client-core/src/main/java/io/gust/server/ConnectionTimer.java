package io.gust.server;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one timer of a server connection: a deadline on the loop's clock, which may move later or
 * earlier, and an action that runs once it has passed. Moving it later costs nothing (a timer
 * that fires early waits out the rest); moving it earlier re-arms, so that a short deadline (the
 * linger after an error answer, a request head's deadline) is not held up by a longer one armed
 * before it. It also keeps the deadline of the request head being read. Loop-confined.
 */
final class ConnectionTimer {
  private final EventLoop loop;
  private final Runnable onExpiry;
  private final Consumer<Throwable> onRejected;
  /** When the action is due, on the loop's clock. */
  private long deadlineNanos;
  /** The pending timer, or null. */
  private Cancellable timer;
  /** When the pending timer fires; meaningful only while {@link #timer} is set. */
  private long firesAtNanos;
  private boolean stopped;
  /** Set once the first bytes of a request head arrived without the whole head. */
  private boolean headStarted;
  /** When the request head being read must be complete; only while {@link #headStarted}. */
  private long headDeadlineNanos;

  /**
   * A timer that runs {@code onExpiry} once a deadline passes, and hands {@code onRejected} the
   * error of a loop that refuses timers (it is closing).
   */
  ConnectionTimer(EventLoop loop, Runnable onExpiry, Consumer<Throwable> onRejected) {
    this.loop = loop;
    this.onExpiry = onExpiry;
    this.onRejected = onRejected;
  }

  /** Moves the deadline to {@code timeoutNanos} from now. */
  void after(long timeoutNanos) {
    at(loop.nanoTime() + timeoutNanos);
  }

  /** Moves the deadline to {@code atNanos} on the loop's clock, earlier or later. */
  void at(long atNanos) {
    deadlineNanos = atNanos;
    if (stopped || timer != null && atNanos - firesAtNanos >= 0) {
      return;
    }
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    arm(atNanos);
  }

  /**
   * Part of a request head arrived: the head must be whole within {@code headTimeoutNanos} of
   * its first bytes, and must not stall for {@code stallNanos}; the deadline is whichever of the
   * two comes first.
   */
  void headProgress(long headTimeoutNanos, long stallNanos) {
    long now = loop.nanoTime();
    if (!headStarted) {
      headStarted = true;
      headDeadlineNanos = now + headTimeoutNanos;
    }
    long stall = now + stallNanos;
    at(stall - headDeadlineNanos < 0 ? stall : headDeadlineNanos);
  }

  /** The request head is whole; the next one starts its own head deadline. */
  void headDone() {
    headStarted = false;
  }

  /** Whether part of a request head arrived and the rest is awaited. */
  boolean isHeadStarted() {
    return headStarted;
  }

  /** Cancels the pending timer for good; later calls do nothing. */
  void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void arm(long atNanos) {
    firesAtNanos = atNanos;
    try {
      timer = loop.schedule(Duration.ofNanos(Math.max(0, atNanos - loop.nanoTime())), this::fire);
    } catch (RejectedExecutionException e) {
      onRejected.accept(e);
    }
  }

  private void fire() {
    timer = null;
    if (stopped) {
      return;
    }
    if (deadlineNanos - loop.nanoTime() > 0) {
      arm(deadlineNanos);
      return;
    }
    onExpiry.run();
  }
}

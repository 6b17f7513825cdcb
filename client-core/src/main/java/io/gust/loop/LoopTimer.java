package io.gust.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One scheduled task: an entry of its loop's {@link TimerHeap} and the handle returned to callers.
 *
 * <p>States: PENDING → FIRED when it runs, PENDING → CANCELLED when cancelled first. The state is
 * the only field touched by other threads; heap position and deadline are loop-confined once the
 * timer is queued.
 */
final class LoopTimer implements Cancellable, Runnable {
  private static final int PENDING = 0;
  private static final int FIRED = 1;
  private static final int CANCELLED = 2;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(LoopTimer.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final EventLoop loop;
  final Runnable task;
  final long deadlineNanos;
  /** Ties between equal deadlines break in scheduling order. */
  final long sequence;
  /** Position in the heap, or -1 when not in it. Loop-confined. */
  int heapIndex = -1;
  private volatile int state;

  LoopTimer(EventLoop loop, Runnable task, long deadlineNanos, long sequence) {
    this.loop = loop;
    this.task = task;
    this.deadlineNanos = deadlineNanos;
    this.sequence = sequence;
  }

  /** Claims the timer for firing; false when it was cancelled first. Loop thread only. */
  boolean markFired() {
    return STATE.compareAndSet(this, PENDING, FIRED);
  }

  @Override
  public boolean cancel() {
    if (!STATE.compareAndSet(this, PENDING, CANCELLED)) {
      return false;
    }
    if (loop.inLoop()) {
      loop.timers().remove(this);
    } else {
      loop.executeQuietly(this);
    }
    return true;
  }

  @Override
  public boolean isCancelled() {
    return state == CANCELLED;
  }

  boolean isPending() {
    return state == PENDING;
  }

  /** Runs on the loop after a cancel from another thread: drops the entry from the heap. */
  @Override
  public void run() {
    loop.timers().remove(this);
  }

  boolean isBefore(LoopTimer other) {
    long diff = deadlineNanos - other.deadlineNanos;
    return diff < 0 || (diff == 0 && sequence < other.sequence);
  }
}

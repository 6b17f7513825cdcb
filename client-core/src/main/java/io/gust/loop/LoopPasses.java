package io.gust.loop;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a loop thread: the passes that run tasks, due timers and readiness events, and the
 * shutdown that closes what is still registered.
 *
 * <p>Everything here runs on the loop thread except {@link #wakeIfSleeping()} and the two figures
 * the watchdog reads. Producers wake the selector only when the loop has announced that it is
 * about to block in select; the loop looks at the queue once more after announcing, so a task
 * queued in between is never left waiting.
 */
final class LoopPasses {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
  /** How many passes close() grants to tasks that keep queueing new tasks. */
  private static final int CLOSING_PASSES = 64;
  private static final int AWAKE = 0;
  private static final int SLEEPING = 1;

  private static final VarHandle WAKE;
  private static final VarHandle PROGRESS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      WAKE = lookup.findVarHandle(LoopPasses.class, "wakeState", int.class);
      PROGRESS = lookup.findVarHandle(LoopPasses.class, "progress", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final EventLoop loop;
  private final Selector selector;
  private final TaskQueue tasks;
  private final TimerHeap timers;
  private final AtomicLong timerSequence;
  private final LoopClock clock;
  private final LoopHealth health;
  private final Consumer<SelectionKey> dispatcher = this::dispatch;

  /** SLEEPING while the loop blocks in select; producers wake it only then. */
  private volatile int wakeState = AWAKE;
  /** Counts every unit of work run; the watchdog sees the loop stuck when it stops moving. */
  private long progress;
  /** When the first readiness event of the current select was dispatched, or 0. Loop-confined. */
  private long dispatchStartNanos;

  LoopPasses(EventLoop loop, Selector selector, TaskQueue tasks, TimerHeap timers,
      AtomicLong timerSequence) {
    this.loop = loop;
    this.selector = selector;
    this.tasks = tasks;
    this.timers = timers;
    this.timerSequence = timerSequence;
    this.clock = loop.clock();
    this.health = loop.health;
  }

  /** Wakes the selector if the loop sleeps in it; any thread. */
  void wakeIfSleeping() {
    if (wakeState == SLEEPING && WAKE.compareAndSet(this, SLEEPING, AWAKE)) {
      selector.wakeup();
    }
  }

  boolean isSelecting() {
    return wakeState == SLEEPING;
  }

  long progressOpaque() {
    return (long) PROGRESS.getOpaque(this);
  }

  void run() {
    try {
      int closingPasses = 0;
      while (true) {
        long passStart = clock.nanoTime();
        runTasks();
        runTimers(clock.nanoTime());
        if (!loop.isRunning() && (!tasks.hasTasks() || ++closingPasses > CLOSING_PASSES)) {
          break;
        }
        long workEnd = clock.nanoTime();
        health.recordRun(workEnd - passStart);
        select(workEnd);
        if (dispatchStartNanos != 0) {
          health.recordRun(clock.nanoTime() - dispatchStartNanos);
          dispatchStartNanos = 0;
        }
      }
    } catch (Throwable t) {
      log.error("{} stopped by an unexpected error", loop.name(), t);
    } finally {
      shutdown();
    }
  }

  private void runTasks() {
    long end = tasks.producerIndex();
    while (tasks.consumerIndex() < end) {
      Runnable task = tasks.poll();
      PROGRESS.setOpaque(this, ++progress);
      try {
        task.run();
      } catch (Throwable t) {
        log.error("Task {} threw on {}", task.getClass().getName(), loop.name(), t);
      }
    }
  }

  private void runTimers(long now) {
    long sequenceLimit = timerSequence.get();
    LoopTimer timer;
    while ((timer = timers.peek()) != null && timer.deadlineNanos - now <= 0
        && timer.sequence < sequenceLimit) {
      timers.poll();
      if (!timer.markFired()) {
        continue;
      }
      health.recordLag(now - timer.deadlineNanos);
      PROGRESS.setOpaque(this, ++progress);
      try {
        timer.task.run();
      } catch (Throwable t) {
        log.error("Timer task {} threw on {}", timer.task.getClass().getName(), loop.name(), t);
      }
    }
  }

  private void select(long now) throws IOException {
    if (tasks.hasTasks() || !loop.isRunning()) {
      selector.selectNow(dispatcher);
      return;
    }
    LoopTimer next = timers.peek();
    long timeoutMillis = 0;
    if (next != null) {
      long waitNanos = next.deadlineNanos - now;
      if (waitNanos <= 0) {
        selector.selectNow(dispatcher);
        return;
      }
      timeoutMillis = Math.max(1, (waitNanos + 999_999) / 1_000_000);
    }
    wakeState = SLEEPING;
    // A producer that enqueued before seeing SLEEPING did not wake us: look again.
    if (tasks.hasTasks()) {
      wakeState = AWAKE;
      selector.selectNow(dispatcher);
      return;
    }
    selector.select(dispatcher, timeoutMillis);
    wakeState = AWAKE;
  }

  private void dispatch(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    IoHandler handler = (IoHandler) key.attachment();
    if (dispatchStartNanos == 0) {
      dispatchStartNanos = clock.nanoTime();
      // Handlers run inside select(): the loop is busy now, so the watchdog must not take it
      // for a loop waiting in select.
      wakeState = AWAKE;
    }
    PROGRESS.setOpaque(this, ++progress);
    try {
      handler.onReady(key);
    } catch (Throwable t) {
      log.error("I/O handler {} threw on {}; closing its channel", handler.getClass().getName(),
          loop.name(), t);
      failHandler(key, handler, t);
    }
  }

  private void failHandler(SelectionKey key, IoHandler handler, Throwable cause) {
    try {
      handler.onFailure(cause);
    } catch (Throwable t) {
      log.error("I/O handler {} threw from onFailure", handler.getClass().getName(), t);
    } finally {
      key.cancel();
      closeQuietly(key.channel());
    }
  }

  private void shutdown() {
    loop.markClosed();
    Watchdog.unwatch(loop);
    IOException closed = new ClosedChannelException();
    List<SelectionKey> keys = new ArrayList<>();
    try {
      keys.addAll(selector.keys());
    } catch (RuntimeException ignored) {
      // The selector is already closed: no keys to close.
    }
    for (SelectionKey key : keys) {
      if (key.isValid()) {
        failHandler(key, (IoHandler) key.attachment(), closed);
      }
    }
    timers.clear();
    closeQuietly(selector);
    // Tasks that slipped in after the last pass still run, so no completion is lost.
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (Throwable t) {
        log.error("Task {} threw while {} closed", task.getClass().getName(), loop.name(), t);
      }
    }
    log.debug("{} closed", loop.name());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("close failed", e);
    }
  }

}

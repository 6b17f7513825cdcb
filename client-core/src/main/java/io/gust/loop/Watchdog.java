package io.gust.loop;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread, {@code gust-watchdog}, that samples every watched loop and reports a loop
 * held by one piece of work past its threshold.
 *
 * <p>The loop thread pays one plain counter store per task: the watchdog sees the loop stuck when
 * the counter has not moved between samples while the loop is not waiting in select, so no task
 * is timestamped. The reported duration is a lower bound that is at most one sample period short.
 */
final class Watchdog implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
  private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  static final BlockedLoopListener LOGGING_LISTENER = (loop, blockedFor, threshold, stack) -> {
    Throwable where = new LoopBlockedTrace(loop.name());
    where.setStackTrace(stack);
    log.warn("{} has been blocked for {} ms (watchdog threshold {} ms) by the task below; "
        + "move blocking work off the loop with EventLoop.runInExecutor",
        loop.name(), blockedFor.toMillis(), threshold.toMillis(), where);
  };

  private static final Watchdog INSTANCE = new Watchdog();

  /** Sampling state per watched loop. Watchdog-thread-confined except for the map itself. */
  private final ConcurrentHashMap<EventLoop, Sample> loops = new ConcurrentHashMap<>();
  private Thread thread;

  static final class Sample {
    long progress = -1;
    long sinceNanos;
    boolean reported;
  }

  static void watch(EventLoop loop) {
    INSTANCE.loops.put(loop, new Sample());
    INSTANCE.ensureStarted();
  }

  static void unwatch(EventLoop loop) {
    INSTANCE.loops.remove(loop);
  }

  private synchronized void ensureStarted() {
    if (thread == null) {
      thread = new Thread(this, "gust-watchdog");
      thread.setDaemon(true);
      thread.start();
    } else {
      LockSupport.unpark(thread);
    }
  }

  @Override
  public void run() {
    while (true) {
      long period = MAX_PERIOD_NANOS;
      for (var entry : loops.entrySet()) {
        EventLoop loop = entry.getKey();
        period = Math.min(period, loop.watchdogThresholdNanos / 4);
        try {
          check(loop, entry.getValue());
        } catch (Throwable t) {
          log.warn("watchdog check of {} failed", loop.name(), t);
        }
      }
      if (loops.isEmpty()) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, Math.max(MIN_PERIOD_NANOS, period));
      }
    }
  }

  private static void check(EventLoop loop, Sample sample) {
    check(loop, sample, l -> l.thread().getStackTrace());
  }

  /**
   * Samples {@code loop} once, taking its stack through {@code stacks} when it looks blocked.
   * A loop that moved on while its stack was taken is not reported: the stack would show where
   * it went next (typically the selector's wait), not what held it. That happens when the loop
   * thread was starved of CPU, or stopped at a safepoint, rather than held by a task; its lag
   * still shows in {@link EventLoop#stats()}.
   */
  static void check(EventLoop loop, Sample sample,
      Function<EventLoop, StackTraceElement[]> stacks) {
    long now = System.nanoTime();
    long progress = loop.progressOpaque();
    if (loop.isSelecting() || progress != sample.progress) {
      sample.progress = loop.isSelecting() ? -1 : progress;
      sample.sinceNanos = now;
      sample.reported = false;
      if (!loop.isSelecting()) {
        loop.health.probe(loop);
      }
      return;
    }
    long blockedNanos = now - sample.sinceNanos;
    if (!sample.reported && blockedNanos >= loop.watchdogThresholdNanos) {
      sample.reported = true;
      StackTraceElement[] stack = stacks.apply(loop);
      if (loop.isSelecting() || loop.progressOpaque() != progress) {
        log.debug("{} was held for {} ms but moved on before its stack was taken; no task to "
            + "blame (CPU starvation or a safepoint pause)", loop.name(), blockedNanos / 1_000_000);
        return;
      }
      loop.health.recordBlocked();
      loop.blockedListener.onBlocked(loop, Duration.ofNanos(blockedNanos),
          Duration.ofNanos(loop.watchdogThresholdNanos), stack);
    }
  }

  /** Carries the loop thread's stack into the WARN so log layouts print it as a trace. */
  static final class LoopBlockedTrace extends Throwable {
    LoopBlockedTrace(String loopName) {
      super("stack of " + loopName + " while blocked", null, false, true);
    }
  }
}

package io.gust.loop;

/**
 * The health figures of one loop: written by the loop thread, read by any thread.
 *
 * <p>Timer lag is measured when a timer fires. Task lag is measured by a probe task that the
 * watchdog queues while the loop is busy, so plain tasks carry no timestamp.
 */
final class LoopHealth {
  private volatile long lastLagNanos;
  private volatile long maxLagNanos;
  private volatile long longestRunNanos;
  /** Blocked episodes the watchdog reported. Written by the watchdog thread only. */
  private volatile long blockedEpisodes;
  /** When the outstanding probe was queued, or 0 when none is. */
  private volatile long probeQueuedNanos;

  void recordLag(long lagNanos) {
    if (lagNanos < 0) {
      lagNanos = 0;
    }
    lastLagNanos = lagNanos;
    if (lagNanos > maxLagNanos) {
      maxLagNanos = lagNanos;
    }
  }

  void recordRun(long runNanos) {
    if (runNanos > longestRunNanos) {
      longestRunNanos = runNanos;
    }
  }

  /** The watchdog reports one more blocked episode. Watchdog thread. */
  void recordBlocked() {
    blockedEpisodes = blockedEpisodes + 1;
  }

  /** Queues a lag probe on the loop unless one is outstanding. Watchdog thread. */
  void probe(EventLoop loop) {
    if (probeQueuedNanos != 0) {
      return;
    }
    long queued = loop.clock().nanoTime();
    probeQueuedNanos = queued == 0 ? 1 : queued;
    if (!loop.executeQuietly(() -> {
      recordLag(loop.clock().nanoTime() - probeQueuedNanos);
      probeQueuedNanos = 0;
    })) {
      probeQueuedNanos = 0;
    }
  }

  LoopStats snapshot(long nowNanos, long tasksRun, int pendingTimers) {
    long current = lastLagNanos;
    long queued = probeQueuedNanos;
    if (queued != 0 && nowNanos - queued > current) {
      current = nowNanos - queued;
    }
    return new LoopStats(current, Math.max(current, maxLagNanos), tasksRun, longestRunNanos,
        pendingTimers, blockedEpisodes);
  }
}

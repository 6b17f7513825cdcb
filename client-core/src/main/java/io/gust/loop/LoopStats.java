package io.gust.loop;

import java.time.Duration;

/**
 * A snapshot of one loop's health figures.
 *
 * <p>Lag is how late work ran compared with when it was due: a timer's delay past its deadline,
 * or a task's wait in the queue as sampled by the watchdog. The longest run is the longest time
 * the loop spent on work between two selects, an upper bound on its longest single task.
 */
public final class LoopStats {
  private final Duration currentLag;
  private final Duration maxLag;
  private final long tasksRun;
  private final Duration longestRun;
  private final int pendingTimers;
  private final long blockedEpisodes;

  LoopStats(long currentLagNanos, long maxLagNanos, long tasksRun, long longestRunNanos,
      int pendingTimers, long blockedEpisodes) {
    this.currentLag = Duration.ofNanos(currentLagNanos);
    this.maxLag = Duration.ofNanos(maxLagNanos);
    this.tasksRun = tasksRun;
    this.longestRun = Duration.ofNanos(longestRunNanos);
    this.pendingTimers = pendingTimers;
    this.blockedEpisodes = blockedEpisodes;
  }

  /**
   * Times the watchdog found the loop held by one piece of work past its threshold and told
   * the loop's {@link BlockedLoopListener}, since the loop started.
   */
  public long blockedEpisodes() {
    return blockedEpisodes;
  }

  /** The lag most recently measured, or how long an unanswered probe has waited if longer. */
  public Duration currentLag() {
    return currentLag;
  }

  /** The largest lag measured since the loop started. */
  public Duration maxLag() {
    return maxLag;
  }

  /** Tasks, timers and readiness events run since the loop started. */
  public long tasksRun() {
    return tasksRun;
  }

  /** The longest stretch of work between two selects since the loop started. */
  public Duration longestRun() {
    return longestRun;
  }

  /**
   * Timers scheduled and neither run nor cancelled yet, the loop's own included. Exact when
   * read on the loop thread; from another thread, a value from a moment ago.
   */
  public int pendingTimers() {
    return pendingTimers;
  }

  @Override
  public String toString() {
    return "LoopStats{currentLag=" + currentLag.toMillis() + "ms, maxLag=" + maxLag.toMillis()
        + "ms, tasksRun=" + tasksRun + ", longestRun=" + longestRun.toMillis()
        + "ms, pendingTimers=" + pendingTimers + ", blockedEpisodes=" + blockedEpisodes + "}";
  }
}

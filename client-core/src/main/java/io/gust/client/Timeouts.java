package io.gust.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How Gust reads a connect or request timeout: a positive {@link Duration} is a limit, and
 * {@link #NONE} (or any duration too long to count in nanoseconds, about 292 years) means no
 * limit at all, for which no timer is ever armed.
 *
 * <p>Zero and negative durations are refused rather than read as "no limit": a zero that was
 * computed (a budget already spent) must not silently become an infinite wait.
 */
public final class Timeouts {
  /** No limit: {@code ChronoUnit.FOREVER}'s duration. */
  public static final Duration NONE = ChronoUnit.FOREVER.getDuration();
  /** The longest duration that is still a limit: {@code Long.MAX_VALUE} nanoseconds. */
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  private Timeouts() {}

  /** Whether {@code timeout} means no limit. */
  public static boolean isUnlimited(Duration timeout) {
    return timeout.compareTo(LONGEST) > 0;
  }

  /**
   * Returns {@code timeout} when it is positive; throws {@link IllegalArgumentException}, saying
   * how to ask for no limit, when it is zero or negative.
   */
  public static Duration requirePositive(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + timeout
          + "; for no limit pass Timeouts.NONE (ChronoUnit.FOREVER.getDuration())");
    }
    return timeout;
  }
}

package io.gust.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The one bounded wait for a condition that no future, latch or callback signals (an open file
 * count, a thread count, a server's connection count): it looks at once, then again after
 * pauses that start at 50 µs and double up to 5 ms, and fails with an {@link AssertionError}
 * that says what it waited for and what it last saw. Prefer a future or a latch where the code
 * under test offers one; never use a sleep.
 *
 * <pre>{@code
 * Eventually.assertThat(Duration.ofSeconds(5),
 *     () -> "server still holds " + server.openConnections() + " connections",
 *     () -> server.openConnections() == 0);
 * }</pre>
 *
 * A condition that throws an unchecked exception or error ends the wait with it; a checked
 * exception ends it as an {@code AssertionError} with that cause. An interrupt (a JUnit
 * {@code @Timeout}) ends it too, with the interrupt status kept.
 */
public final class Eventually {
  private static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private Eventually() {}

  /** A condition to poll; it may throw, which ends the wait. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Returns once {@code condition} holds; when it still does not after {@code timeout}, throws
   * an AssertionError with {@code failureMessage} (computed only then).
   */
  public static void assertThat(Duration timeout, Supplier<String> failureMessage,
      Condition condition) {
    noComplaint(timeout, () -> condition.holds() ? null : failureMessage.get());
  }

  /**
   * Returns once {@code complaint} returns null; when it still complains after {@code timeout},
   * throws an AssertionError with its last complaint. For checks whose failure message comes out
   * of the same look as the verdict (a descriptor listing, a pool snapshot).
   */
  public static void noComplaint(Duration timeout, Callable<String> complaint) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseNanos = FIRST_PAUSE_NANOS;
    for (String last; (last = look(complaint)) != null; ) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("still not the case after " + timeout.toMillis() + " ms: "
            + last);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new AssertionError("interrupted while waiting: " + last);
      }
      LockSupport.parkNanos(pauseNanos);
      pauseNanos = Math.min(pauseNanos * 2, LONGEST_PAUSE_NANOS);
    }
  }

  private static String look(Callable<String> complaint) {
    try {
      return complaint.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("the condition could not be checked", e);
    }
  }
}

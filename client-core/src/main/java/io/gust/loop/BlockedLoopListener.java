package io.gust.loop;

import java.time.Duration;

/**
 * Told by the watchdog when one task, handler or timer has held a loop longer than its threshold.
 *
 * <p>Runs on the watchdog thread, at most once per blocking episode, while the loop is still
 * blocked; {@code stack} is where the loop thread was at that moment. The default listener logs
 * one WARN with that stack.
 */
@FunctionalInterface
public interface BlockedLoopListener {
  /** The loop has been held for {@code blockedFor}, which exceeds {@code threshold}. */
  void onBlocked(EventLoop loop, Duration blockedFor, Duration threshold, StackTraceElement[] stack);

  /** The default listener: one WARN with the loop thread's stack. */
  static BlockedLoopListener logging() {
    return Watchdog.LOGGING_LISTENER;
  }

  /**
   * A listener that tells this one, then {@code next} (even when this one threw: the failure is
   * rethrown after {@code next} ran).
   */
  default BlockedLoopListener andThen(BlockedLoopListener next) {
    java.util.Objects.requireNonNull(next, "next");
    return (loop, blockedFor, threshold, stack) -> {
      try {
        onBlocked(loop, blockedFor, threshold, stack);
      } finally {
        next.onBlocked(loop, blockedFor, threshold, stack);
      }
    };
  }
}

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
}

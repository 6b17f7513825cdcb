package io.gust.loop;

/**
 * The monotonic time source of an {@link EventLoop}: timers, lag figures and timeouts read it.
 *
 * <p>Tests may supply a manual clock to drive timeouts without waiting; after advancing it they
 * must wake the loop (any {@link EventLoop#execute} does) so that it sees the new time.
 */
@FunctionalInterface
public interface LoopClock {
  /** Current time in nanoseconds, with the semantics of {@link System#nanoTime()}. */
  long nanoTime();

  /** The clock backed by {@link System#nanoTime()}. */
  static LoopClock system() {
    return System::nanoTime;
  }
}

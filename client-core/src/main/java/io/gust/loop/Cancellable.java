package io.gust.loop;

/**
 * A handle on something scheduled or started that can be called off, such as a timer.
 *
 * <p>Safe to call from any thread. Cancelling is idempotent: only the first call that wins
 * against completion returns {@code true}.
 */
public interface Cancellable {
  /** Calls the work off; returns true when this call prevented it from running. */
  boolean cancel();

  /** True once {@link #cancel()} has succeeded. */
  boolean isCancelled();
}

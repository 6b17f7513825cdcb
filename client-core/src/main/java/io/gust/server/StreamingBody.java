package io.gust.server;

/**
 * Produces a response body over time through a {@link BodyWriter}.
 *
 * <p>{@link #start} runs on the connection's loop thread once the response head is queued, and
 * must return without blocking; it keeps the writer and writes later (from timers, or after
 * each write's stage completes). An exception thrown here aborts the body.
 */
@FunctionalInterface
public interface StreamingBody {
  /** Begins writing the body to {@code writer}. */
  void start(BodyWriter writer) throws Exception;
}

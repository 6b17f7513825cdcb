package io.gust.client;


/**
 * Produces a request body on demand, for bodies that are generated or streamed rather than held
 * in memory. The client calls {@link #produce} once per attempt on its loop thread, so the
 * producer must not block: it writes what it has and continues from the write stages.
 */
@FunctionalInterface
public interface BodyProducer {
  /** Starts writing the body to {@code writer}, which must eventually be ended or failed. */
  void produce(BodyWriter writer);
}

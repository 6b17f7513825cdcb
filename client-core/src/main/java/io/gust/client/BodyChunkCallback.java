package io.gust.client;

import java.util.concurrent.CompletionStage;
import okio.ByteString;

/**
 * Receives a response body chunk by chunk, as it is read and decoded, instead of having it
 * collected into {@link HttpResponse#body()}. Runs on the loop thread unless the client was given
 * a callback executor; it must not block.
 *
 * <p>Each chunk is immutable and the callback's to keep, so its bytes are never reused: a body
 * costs its own size in new memory, as it does collected. To read a large body through a bounded
 * amount of memory, read it from a {@link BodySink#stream()}, whose buffers go back to okio's
 * segment pool once read.
 */
@FunctionalInterface
public interface BodyChunkCallback {
  /**
   * Receives the next chunk. Return null to keep reading; return a stage to pause reading from
   * the connection until it completes (backpressure). A stage that fails fails the exchange.
   */
  CompletionStage<?> onChunk(ByteString chunk);
}

package io.gust.client;

import java.util.concurrent.CompletionStage;
import okio.ByteString;

/**
 * Where a {@link BodyProducer} writes a request body. The client implements it; every method is
 * meant for the loop thread that called {@link BodyProducer#produce}, and none of them blocks.
 */
public interface BodyWriter {
  /**
   * Queues {@code chunk} for sending. The stage completes when the chunk has reached the socket,
   * and fails when the exchange did; wait for it before writing more to respect backpressure.
   */
  CompletionStage<Void> write(ByteString chunk);

  /** Ends the body. Writing after this is an error. */
  void end();

  /** Abandons the body and fails the exchange with {@code cause} in phase WRITE. */
  void fail(Throwable cause);
}

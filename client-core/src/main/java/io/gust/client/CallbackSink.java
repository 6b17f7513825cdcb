package io.gust.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request's {@link BodyChunkCallback} as a sink: each chunk made a {@code ByteString} (which
 * shares the segments of a chunk of 4 KiB or more rather than copying them) and handed over on
 * the loop, or on the callback executor (reading pauses until it returns). A callback that throws
 * is logged and fails the exchange.
 */
final class CallbackSink extends BodySink {
  private static final Logger log = LoggerFactory.getLogger(CallbackSink.class);

  private final BodyChunkCallback callback;
  private final Executor executor;
  private final HttpRequest request;

  CallbackSink(BodyChunkCallback callback, Executor executor, HttpRequest request) {
    this.callback = callback;
    this.executor = executor;
    this.request = request;
  }

  @Override
  CompletionStage<?> onData(Buffer chunk) {
    okio.ByteString bytes = chunk.readByteString();
    if (executor == null) {
      return invoke(bytes);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    executor.execute(() -> {
      CompletionStage<?> stage = invoke(bytes);
      if (stage == null) {
        done.complete(null);
      } else {
        stage.whenComplete((ignored, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            done.complete(null);
          }
        });
      }
    });
    return done;
  }

  private CompletionStage<?> invoke(okio.ByteString bytes) {
    try {
      return callback.onChunk(bytes);
    } catch (RuntimeException | Error e) {
      log.warn("body callback for {} threw", request, e);
      return CompletableFuture.failedFuture(e);
    }
  }
}

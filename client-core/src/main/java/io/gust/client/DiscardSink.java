package io.gust.client;

import java.util.concurrent.CompletionStage;
import okio.Buffer;

/** Drops every byte; {@link BodySink#byteCount()} counts them. */
final class DiscardSink extends BodySink {
  @Override
  CompletionStage<?> onData(Buffer chunk) {
    chunk.clear();
    return null;
  }
}

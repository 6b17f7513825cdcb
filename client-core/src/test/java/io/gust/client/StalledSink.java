package io.gust.client;

import io.gust.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;

/**
 * A body sink that counts and drops every chunk but holds back its completion until the test
 * {@link #release releases} it: a consumer that stops taking bytes, for flow-control tests.
 */
final class StalledSink extends BodySink {
  private final CompletableFuture<Void> gate = new CompletableFuture<>();
  /** Bytes handed to the sink so far. Written on the loop, read by the test. */
  private final AtomicLong taken = new AtomicLong();

  @Override
  CompletionStage<?> onData(Buffer chunk) {
    taken.addAndGet(chunk.size());
    chunk.clear();
    return gate.isDone() ? gate : gate.thenApply(ignored -> null);
  }

  /** Bytes handed to the sink so far. */
  long taken() {
    return taken.get();
  }

  /** Waits, with a bound, until a first chunk reached the sink. */
  void awaitFirstChunk() {
    Eventually.noComplaint(Duration.ofSeconds(10),
        () -> taken.get() > 0 ? null : "no chunk reached the sink");
  }

  /** Completes the chunk held back, and every later one at once. */
  void release() {
    gate.complete(null);
  }
}

package io.gust.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import okio.Buffer;

/**
 * A response body read on demand: each {@link #read()} gives the next bytes as they came off the
 * connection, moved into an okio {@link Buffer} (segments handed over, not copied). The
 * connection is read only as fast as the caller asks: at most one chunk waits here, and while it
 * does the client stops reading the socket, so a slow reader keeps memory bounded and the server
 * is held back by TCP flow control.
 *
 * <pre>{@code
 * BodyStream body = BodySink.stream();
 * CompletableFuture<HttpResponse> done = client.fetch(request, body);
 * body.head().thenAccept(head -> log.info("status {}", head.code()));
 * body.read().thenAccept(chunk -> {   // null after the last chunk
 *   if (chunk != null) {
 *     out.write(chunk, chunk.size());
 *   }
 * });
 * }</pre>
 *
 * <p>Futures of this class complete on the client's loop thread: dependent stages must not block
 * there. Any thread may call {@link #read()}, one read at a time. The fetch's future completes
 * after the last chunk was read; cancelling it abandons the body.
 */
public final class BodyStream extends BodySink {
  private final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
  /** A chunk that arrived before it was asked for. Loop-confined, as are the fields below. */
  private Buffer held;
  /** Completes when {@link #held} is taken: the reader resumes reading the socket. */
  private CompletableFuture<Void> taken;
  /** A read waiting for the next chunk. */
  private CompletableFuture<Buffer> waiting;
  private boolean ended;
  private HttpClientException failure;

  BodyStream() {}

  /**
   * Returns the response head (status, fields; body empty) once it arrived, or the fetch's failure
   * if it came first.
   */
  public CompletableFuture<HttpResponse> head() {
    return head;
  }

  /**
   * Returns the next bytes of the body, in a buffer the caller now owns; null once the body ended.
   * Fails with the fetch's {@link HttpClientException} when it failed, and with
   * IllegalStateException when another read is still waiting or the stream has no fetch yet.
   */
  public CompletableFuture<Buffer> read() {
    CompletableFuture<Buffer> next = new CompletableFuture<>();
    if (loop == null) {
      next.completeExceptionally(new IllegalStateException("the stream was not given to fetch"));
    } else if (loop.inLoop()) {
      readOnLoop(next);
    } else {
      try {
        loop.execute(() -> readOnLoop(next));
      } catch (RejectedExecutionException e) {
        next.completeExceptionally(new IllegalStateException("the client was closed", e));
      }
    }
    return next;
  }

  private void readOnLoop(CompletableFuture<Buffer> next) {
    if (waiting != null) {
      next.completeExceptionally(new IllegalStateException("one read at a time"));
    } else if (held != null) {
      Buffer chunk = held;
      CompletableFuture<Void> resume = taken;
      held = null;
      taken = null;
      next.complete(chunk);
      resume.complete(null);
    } else if (failure != null) {
      next.completeExceptionally(failure);
    } else if (ended) {
      next.complete(null);
    } else {
      waiting = next;
    }
  }

  @Override
  void start(HttpResponse response) {
    head.complete(response);
  }

  @Override
  CompletionStage<?> onData(Buffer chunk) {
    CompletableFuture<Buffer> reader = waiting;
    if (reader != null) {
      waiting = null;
      reader.complete(chunk);
      return null;
    }
    held = chunk;
    taken = new CompletableFuture<>();
    return taken;
  }

  @Override
  CompletionStage<?> finish() {
    ended = true;
    CompletableFuture<Buffer> reader = waiting;
    waiting = null;
    if (reader != null) {
      reader.complete(null);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  CompletionStage<?> abort(HttpClientException error) {
    failure = error;
    held = null;
    taken = null;
    head.completeExceptionally(error);
    CompletableFuture<Buffer> reader = waiting;
    waiting = null;
    if (reader != null) {
      reader.completeExceptionally(error);
    }
    return CompletableFuture.completedFuture(null);
  }
}

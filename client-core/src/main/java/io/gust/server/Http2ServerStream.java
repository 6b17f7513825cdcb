package io.gust.server;

import io.gust.http2.FlowControlWindow;
import io.gust.http2.ReceiveWindow;
import io.gust.http2.HeaderField;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import okio.ByteString;

/**
 * One stream of an {@link Http2ServerConnection}: the request as it arrives (head, body, the
 * window the client may still fill) and the response body waiting for the windows to let it out.
 * Loop-confined; the connection and its {@link Http2Output} change its fields, the stream's
 * {@link Http2Exchange} runs the handler.
 *
 * <p>States (RFC 9113 §5.1, as the server sees them): OPEN → the client's END_STREAM sets {@link
 * #remoteClosed} → the server's END_STREAM sets {@link #localClosed} → removed; a reset from
 * either side removes it at once.
 */
final class Http2ServerStream {
  final int id;
  /** What the server may still send on this stream. */
  final FlowControlWindow sendWindow;
  /** What the client may still send on this stream, and the credit it is owed. */
  final ReceiveWindow receiveWindow;
  /** The request head; null when the stream was answered before its head was usable. */
  List<HeaderField> head;
  /** The request body received so far. */
  final Buffer body = new Buffer();
  /** The request's content-length, or -1. */
  long declaredLength = -1;
  /** When the client last sent part of this request, on the loop's clock. */
  long lastProgressNanos;
  /** The client sent END_STREAM (or the stream was reset). */
  boolean remoteClosed;
  /** The server sent END_STREAM (or the stream was reset). */
  boolean localClosed;
  /** Set once the response head was queued; later answers are dropped. */
  boolean answered;
  /** The exchange running the handler; null until the request is dispatched. */
  Http2Exchange exchange;

  /** Response body octets waiting for the windows. */
  final Buffer pending = new Buffer();
  /** END_STREAM goes out after {@link #pending}. */
  boolean endQueued;
  /** Trailers to end the stream with after {@link #pending}, in place of an empty DATA; or null. */
  List<HeaderField> trailers;
  /** When the response body last made progress (queued from nothing, or sent), loop clock. */
  long lastOutputNanos;
  /** Whether the stream is in the output's ready queue. */
  boolean queued;
  private long queuedBytes;
  private long sentBytes;
  /** Writes of a streamed body, each completed once its last octet left in a DATA frame. */
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

  private record Waiter(long mark, CompletableFuture<Void> future) {}

  Http2ServerStream(int id, int sendWindow, int receiveWindow, long nowNanos) {
    this.id = id;
    this.sendWindow = new FlowControlWindow(sendWindow);
    this.receiveWindow = new ReceiveWindow(receiveWindow, receiveWindow);
    this.lastProgressNanos = nowNanos;
  }

  /** Queues response body octets; the future completes once they all left in DATA frames. */
  CompletableFuture<Void> queue(ByteString data, boolean end, long nowNanos) {
    if (!hasOutput()) {
      lastOutputNanos = nowNanos;
    }
    pending.write(data);
    queuedBytes += data.size();
    endQueued = end;
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiters.add(new Waiter(queuedBytes, future));
    return future;
  }

  /** Whether a DATA frame is due: octets are pending, or END_STREAM is. */
  boolean hasOutput() {
    return !localClosed && (pending.size() > 0 || endQueued);
  }

  /** {@code byteCount} octets left in a DATA frame; completes the writes they finish. */
  void sent(int byteCount, long nowNanos) {
    lastOutputNanos = nowNanos;
    sentBytes += byteCount;
    while (!waiters.isEmpty() && waiters.peek().mark() <= sentBytes) {
      waiters.poll().future().complete(null);
    }
  }

  /** The stream ended without sending all of its body: pending writes fail with {@code cause}. */
  void discardOutput(Throwable cause) {
    pending.clear();
    endQueued = false;
    trailers = null;
    while (!waiters.isEmpty()) {
      waiters.poll().future().completeExceptionally(cause);
    }
  }

  @Override
  public String toString() {
    return "stream " + id;
  }
}

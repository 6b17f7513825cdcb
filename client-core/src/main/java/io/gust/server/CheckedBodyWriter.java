package io.gust.server;

import io.gust.client.Headers;
import io.gust.http.TrailerFields;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okio.ByteString;

/**
 * The part of a {@link BodyWriter} every protocol shares: calls only on the loop, nothing after
 * the end, and a body that keeps to its announced length (longer or shorter aborts it). Its
 * subclasses frame the bytes. Loop-confined. States: OPEN → ENDED, by close, abort or {@link
 * #ended()}.
 */
abstract class CheckedBodyWriter implements BodyWriter {
  /** The announced length, or -1. */
  private final long lengthBytes;
  private long writtenBytes;
  private boolean ended;

  CheckedBodyWriter(long lengthBytes) {
    this.lengthBytes = lengthBytes;
  }

  /** Sends {@code data}; the stage completes once it was handed on. */
  abstract CompletionStage<Void> send(ByteString data);

  /** Ends the body on the wire, followed by {@code trailers} unless they are empty. */
  abstract void finish(Headers trailers);

  /** Gives up on the body on the wire. */
  abstract void giveUp(Throwable cause);

  @Override
  public final CompletionStage<Void> write(ByteString data) {
    loop().checkInLoop("BodyWriter.write");
    if (ended) {
      return CompletableFuture.failedFuture(new IllegalStateException("body already ended"));
    }
    if (lengthBytes >= 0 && writtenBytes + data.size() > lengthBytes) {
      abort(new IllegalStateException("body longer than its announced length"));
      return CompletableFuture.failedFuture(
          new IllegalStateException("body longer than its announced length " + lengthBytes));
    }
    writtenBytes += data.size();
    return send(data);
  }

  @Override
  public final void close() {
    close(Headers.empty());
  }

  @Override
  public final void close(Headers trailers) {
    Objects.requireNonNull(trailers, "trailers");
    loop().checkInLoop("BodyWriter.close");
    if (ended) {
      return;
    }
    if (trailers.size() > 0) {
      TrailerFields.check(trailers);
      if (!allowsTrailers()) {
        throw new IllegalStateException("this response cannot carry trailers: its length was "
            + "announced, or the client speaks HTTP/1.0");
      }
    }
    if (lengthBytes >= 0 && writtenBytes < lengthBytes) {
      abort(new IllegalStateException("body shorter than its announced length"));
      return;
    }
    ended = true;
    finish(trailers);
  }

  @Override
  public final void abort(Throwable cause) {
    if (ended) {
      return;
    }
    ended = true;
    giveUp(cause);
  }

  /** The transport ended: later calls do nothing. */
  final void ended() {
    ended = true;
  }
}

package io.gust.client;

import io.gust.http.BodyDecoder;
import io.gust.http.BodyFraming;
import io.gust.http.CodecLimits;
import io.gust.http.ContentDecoder;
import io.gust.http.ResponseHead;
import io.gust.net.ReadListener;
import java.util.concurrent.CompletionStage;
import okio.Buffer;
import okio.ByteString;

/**
 * Reads one response from the connection's buffer: heads (skipping 1xx but the 101 an upgrade
 * asked for), the body by its framing, content decoding, and the body either collected or
 * streamed to the request's body callback. Loop-confined; it is the exchange's {@link
 * ReadListener}.
 *
 * <p>The body is collected, or handed to a {@link BodySink}: the fetch's own, or the request's body
 * callback as one. Backpressure: when the sink returns a stage that is not complete, reading
 * pauses until it completes. A redirect that will be followed has its body drained and dropped, never
 * shown to the callbacks; a challenge an authenticator will see has its body collected, shown to
 * the callbacks only if the authenticator gives up ({@link AuthFollowUp}).
 *
 * <p>Failures of the read side (a framing error, a truncated body, a reset) first hand the body
 * callback every byte decoded before them, and wait until it has taken the last of them, so that
 * the sink sees the good bytes and then the failure, in that order, as curl writes them out.
 */
final class ResponseReader implements ReadListener {
  private final Exchange exchange;
  private ResponseHead head;
  private BodyFraming framing;
  private BodyDecoder decoder;
  private ContentDecoder content;
  /** Where the body goes instead of being collected; null to collect. */
  private BodySink sink;
  private boolean discard;
  /** Body bytes as framed on the wire, before content decoding. */
  private final Buffer framed = new Buffer();
  /** Body bytes after content decoding, collected or about to be streamed. */
  private Buffer decoded;
  /** Bytes of {@link #decoded} already counted, while the body is collected. */
  private long collectedBytes;
  /** Where a collected body of announced length goes as it arrives; null otherwise. */
  private WholeBody whole;
  /** Decoded body bytes received so far. */
  long bodyBytes;
  /** True once any response byte arrived: after that a failure is never retried. */
  boolean receivedAny;
  private boolean paused;
  /** Trailers that came in their own HTTP/2 HEADERS frame; null over HTTP/1.1. */
  private Headers separateTrailers;
  /** HTTP/2: the body ends with the stream, which may still bring trailers after it is whole. */
  private boolean endsWithStream;
  private boolean streamEnded;
  /** HTTP/2: the body is whole and waits for the end of the stream. */
  private boolean bodyWhole;
  /** The body ended while a chunk was still being processed by the callback. */
  private boolean completeWhenResumed;
  /** The read side failed while a chunk was still being processed by the callback. */
  private Throwable failWhenResumed;

  ResponseReader(Exchange exchange) {
    this.exchange = exchange;
  }

  /** The announced body length, or -1 when unknown. */
  long receiveTotal() {
    return framing == null || framing.contentLength() < 0 || content != null
        ? -1 : framing.contentLength();
  }

  @Override
  public boolean onReadable(Buffer in) {
    receivedAny = true;
    exchange.bytesRead();
    try {
      if (head == null && !readHead(in)) {
        return exchange.isActive();
      }
      return readBody(in) && exchange.isActive();
    } catch (HttpClientException e) {
      fail(e);
      return false;
    }
  }

  /**
   * HTTP/2: the final head arrived whole; the body follows through {@link #onReadable} and ends
   * with {@link #onEnd}. Returns true while more body is expected.
   */
  boolean onHead(ResponseHead parsed) {
    receivedAny = true;
    endsWithStream = true;
    exchange.bytesRead();
    try {
      startBody(parsed);
      return exchange.isActive() && readBody(new Buffer()) && exchange.isActive();
    } catch (HttpClientException e) {
      fail(e);
      return false;
    }
  }

  /** HTTP/2: the trailers, which came in a HEADERS frame of their own. */
  void trailers(Headers trailers) {
    separateTrailers = trailers;
  }

  /** Parses heads until the final one; false when more bytes are needed. */
  private boolean readHead(Buffer in) throws HttpClientException {
    while (true) {
      ResponseHead parsed = exchange.connection.headParser().parse(in);
      if (parsed == null) {
        return false;
      }
      if (parsed.code() == 101 && exchange.upgrades()) {
        exchange.upgraded(parsed); // what follows the head is the new protocol's, left unread
        return false;
      }
      if (!parsed.isInterim() || switched(parsed)) {
        startBody(parsed);
        return exchange.isActive();
      }
      exchange.interim(parsed);
    }
  }

  /**
   * Whether {@code parsed} is a 101 that ends the exchange: the request asked for an upgrade
   * other than the client's own WebSocket handshake (which takes the connection over), so no
   * other response follows (the connection now speaks another protocol and is not reused).
   */
  private boolean switched(ResponseHead parsed) {
    return parsed.code() == 101 && ProxyHeads.asksUpgrade(exchange.request);
  }

  private void startBody(ResponseHead parsed) throws HttpClientException {
    head = parsed;
    Fetch fetch = exchange.fetch;
    framing = BodyFraming.forResponse(exchange.request.method(), parsed);
    discard = fetch.willFollow(parsed.code(), parsed.headers());
    boolean held = !discard && fetch.holdsForAuth(parsed.code());
    sink = discard || held ? null : sinkFor(fetch);
    CodecLimits limits = exchange.context.limits();
    decoder = framing.newDecoder(sink == null ? limits
        : limits.withMaxBodyBytes(Long.MAX_VALUE));
    if (!discard && exchange.context.config.decompress(exchange.request)) {
      content = ContentDecoder.forEncoding(parsed.headers().get("Content-Encoding"),
          sink == null ? limits.maxBodyBytes() : Long.MAX_VALUE,
          exchange.context.config.contentCodings.tokens);
    }
    decoded = content == null ? framed : new Buffer();
    whole = sink == null && !discard && content == null
        ? WholeBody.forFraming(framing, limits.maxBodyBytes()) : null;
    exchange.headReceived(parsed, discard || held);
    if (sink != null && exchange.isActive()) {
      sink.start(exchange.headOnly(parsed));
    }
  }

  /** The fetch's sink, else the request's body callback as one, else null (collect). */
  private BodySink sinkFor(Fetch fetch) {
    if (fetch.sink() != null) {
      return fetch.sink();
    }
    BodyChunkCallback callback = exchange.request.bodyCallback();
    return callback == null ? null
        : new CallbackSink(callback, exchange.context.callbackExecutor(), exchange.request);
  }

  /**
   * Moves body bytes on; true while more are expected. On a framing error the bytes framed
   * before it are still decoded and handed on before the error is thrown.
   */
  private boolean readBody(Buffer in) throws HttpClientException {
    boolean finished;
    try {
      finished = decoder.decode(in, framed);
    } catch (HttpProtocolException e) {
      try {
        decodeContent(false);
      } catch (HttpProtocolException later) {
        e.addSuppressed(later);
      }
      consumeDecoded();
      throw e;
    }
    decodeContent(finished);
    consumeDecoded();
    if (finished && endsWithStream && !streamEnded) {
      bodyWhole = true;
      return false;
    }
    if (finished) {
      finish();
      return false;
    }
    return true;
  }

  private void decodeContent(boolean finished) throws HttpProtocolException {
    if (content != null) {
      content.decode(framed, decoded);
      if (finished) {
        content.finish();
      }
    }
  }

  /** The body is whole: completes now, or once the callback took the last chunk. */
  private void finish() {
    if (!exchange.isActive()) {
      return;
    }
    if (paused) {
      completeWhenResumed = true;
    } else {
      complete(framing.isKeepAlive());
    }
  }

  /** The one failure path of the read side: fails now, or once the callback took the last chunk. */
  private void fail(Throwable cause) {
    if (paused) {
      if (failWhenResumed == null) {
        failWhenResumed = cause;
      }
    } else {
      exchange.fail(cause);
    }
  }

  private void consumeDecoded() {
    long fresh = decoded.size() - collectedBytes;
    if (fresh == 0) {
      return;
    }
    bodyBytes += fresh;
    if (discard) {
      decoded.clear();
      return;
    }
    exchange.progress();
    if (sink != null) {
      Buffer chunk = new Buffer();
      chunk.write(decoded, decoded.size()); // moves segments, copies no bytes
      resumeAfter(sink.take(chunk));
    } else if (whole != null) {
      whole.take(decoded);
    } else {
      collectedBytes = decoded.size();
    }
  }

  private void resumeAfter(CompletionStage<?> stage) {
    if (stage == null || !exchange.isActive()) {
      return;
    }
    if (stage.toCompletableFuture().isDone()) {
      stage.whenComplete((ignored, error) -> {
        if (error != null) {
          exchange.fail(error);
        }
      });
      return;
    }
    pause();
    stage.whenComplete((ignored, error) -> exchange.onLoop(() -> chunkDone(error)));
  }

  private void pause() {
    paused = true;
    exchange.pauseReading();
  }

  private void chunkDone(Throwable error) {
    if (!exchange.isActive()) {
      return;
    }
    paused = false;
    if (failWhenResumed != null) {
      if (error != null) {
        failWhenResumed.addSuppressed(error);
      }
      exchange.fail(failWhenResumed);
    } else if (error != null) {
      exchange.fail(error);
    } else if (completeWhenResumed) {
      complete(framing.isKeepAlive());
    } else {
      exchange.resumeReading();
    }
  }

  private void complete(boolean keepAlive) {
    closeContent();
    ByteString body = sink != null || discard ? ByteString.EMPTY
        : whole != null ? whole.body() : decoded.readByteString();
    exchange.responseComplete(head, body,
        separateTrailers != null ? separateTrailers : decoder.trailers(), keepAlive);
  }

  @Override
  public void onEnd(Buffer buffered) {
    if (!exchange.isActive()) {
      return;
    }
    streamEnded = true;
    if (bodyWhole) {
      finish();
      return;
    }
    try {
      if (head == null) {
        exchange.fail(endedBeforeHead(buffered));
        return;
      }
      if (readBody(buffered)) {
        decoder.endOfInput();
        checkCloseNotify();
        if (content != null) {
          content.finish();
          consumeDecoded();
        }
        finish();
      }
    } catch (HttpClientException e) {
      fail(e);
    }
  }

  /**
   * With {@link io.gust.client.TlsOptions#requiresCloseNotify()}, a TLS connection that ended
   * without close_notify cut the body short.
   */
  private void checkCloseNotify() throws TruncatedBodyException {
    boolean strict = exchange.context.tls().requiresCloseNotify();
    if (strict && exchange.stream.isTruncatedTls()) {
      throw new TruncatedBodyException(
          "the TLS connection ended without close_notify, so the body may be cut short");
    }
  }

  private HttpProtocolException endedBeforeHead(Buffer buffered) {
    return buffered.size() == 0 && !receivedAny
        ? new HttpProtocolException(HttpProtocolException.Kind.EMPTY_RESPONSE,
            "connection closed before the response", Phase.HEADERS)
        : new HttpProtocolException(HttpProtocolException.Kind.TRUNCATED_HEAD,
            "connection closed in the middle of the response head", Phase.HEADERS);
  }

  @Override
  public void onError(Throwable cause) {
    fail(cause);
  }

  /** Releases the inflater; idempotent. */
  void closeContent() {
    if (content != null) {
      content.close();
    }
  }
}

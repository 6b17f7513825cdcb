package io.gust.server;

import io.gust.client.Headers;
import io.gust.http.Http1Writer;
import io.gust.loop.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BodyWriter} of one streamed response: frames each piece as a chunk (or writes it
 * raw when the length was announced or the client speaks HTTP/1.0) and hands it to the stream.
 * Loop-confined. States: OPEN → ENDED, by close or abort or the connection closing.
 */
final class StreamWriter implements BodyWriter {
  private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);

  private final Exchange exchange;
  private final ServerConnection connection;
  private final boolean chunked;
  /** The announced length, or -1. */
  private final long lengthBytes;
  private long writtenBytes;
  private boolean ended;

  StreamWriter(Exchange exchange, ServerConnection connection, boolean chunked, long lengthBytes) {
    this.exchange = exchange;
    this.connection = connection;
    this.chunked = chunked;
    this.lengthBytes = lengthBytes;
  }

  void start(StreamingBody body) {
    try {
      body.start(this);
    } catch (Throwable t) {
      log.warn("streaming body failed to start; closing the connection", t);
      abort(t);
    }
  }

  @Override
  public CompletionStage<Void> write(ByteString data) {
    connection.loop.checkInLoop("BodyWriter.write");
    if (ended) {
      return CompletableFuture.failedFuture(new IllegalStateException("body already ended"));
    }
    if (lengthBytes >= 0 && writtenBytes + data.size() > lengthBytes) {
      abort(new IllegalStateException("body longer than its announced length"));
      return CompletableFuture.failedFuture(
          new IllegalStateException("body longer than its announced length " + lengthBytes));
    }
    writtenBytes += data.size();
    Buffer out = new Buffer();
    if (chunked) {
      Http1Writer.writeChunk(out, data);
    } else {
      out.write(data);
    }
    return connection.stream.write(out);
  }

  @Override
  public void close() {
    connection.loop.checkInLoop("BodyWriter.close");
    if (ended) {
      return;
    }
    if (lengthBytes >= 0 && writtenBytes < lengthBytes) {
      abort(new IllegalStateException("body shorter than its announced length"));
      return;
    }
    ended = true;
    Buffer out = new Buffer();
    if (chunked) {
      Http1Writer.writeLastChunk(out, Headers.empty());
    }
    connection.stream.write(out, exchange);
  }

  @Override
  public void abort(Throwable cause) {
    if (ended) {
      return;
    }
    ended = true;
    log.debug("streamed body aborted: {}", String.valueOf(cause));
    connection.fail(cause);
  }

  @Override
  public EventLoop loop() {
    return connection.loop;
  }

  void connectionClosed() {
    ended = true;
  }
}

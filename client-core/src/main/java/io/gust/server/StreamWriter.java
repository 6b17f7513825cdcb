package io.gust.server;

import io.gust.client.Headers;
import io.gust.http.Http1Writer;
import io.gust.loop.EventLoop;
import java.util.concurrent.CompletionStage;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BodyWriter} of one streamed response: frames each piece as a chunk (or writes it
 * raw when the length was announced or the client speaks HTTP/1.0) and hands it to the stream;
 * trailers go in the chunked coding's trailer section.
 * Loop-confined. States: OPEN → ENDED, by close or abort or the connection closing.
 */
final class StreamWriter extends CheckedBodyWriter {
  private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);

  private final Exchange exchange;
  private final ServerConnection connection;
  private final boolean chunked;

  StreamWriter(Exchange exchange, ServerConnection connection, boolean chunked, long lengthBytes) {
    super(lengthBytes);
    this.exchange = exchange;
    this.connection = connection;
    this.chunked = chunked;
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
  CompletionStage<Void> send(ByteString data) {
    Buffer out = new Buffer();
    if (chunked) {
      Http1Writer.writeChunk(out, data);
    } else {
      out.write(data);
    }
    return connection.stream.write(out);
  }

  @Override
  void finish(Headers trailers) {
    Buffer out = new Buffer();
    if (chunked) {
      Http1Writer.writeLastChunk(out, trailers);
    }
    connection.stream.write(out, exchange);
  }

  @Override
  void giveUp(Throwable cause) {
    log.debug("streamed body aborted: {}", String.valueOf(cause));
    connection.fail(cause);
  }

  @Override
  public boolean allowsTrailers() {
    return chunked;
  }

  @Override
  public EventLoop loop() {
    return connection.loop;
  }

  void connectionClosed() {
    ended();
  }
}

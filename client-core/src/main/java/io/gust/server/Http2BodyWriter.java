package io.gust.server;

import io.gust.client.Headers;
import io.gust.loop.EventLoop;
import java.util.concurrent.CompletionStage;
import okio.ByteString;

/**
 * The {@link BodyWriter} of one streamed response on an HTTP/2 stream: each piece goes out in
 * DATA frames as the flow-control windows allow, and its stage completes once it has left, so a
 * client that does not credit its window slows the producer down. Trailers follow the last DATA
 * frame in a HEADERS frame that ends the stream. Aborting resets only this stream. Loop-confined.
 */
final class Http2BodyWriter extends CheckedBodyWriter {
  private final Http2Sender sender;
  private final EventLoop loop;
  private final Http2ServerStream stream;

  Http2BodyWriter(Http2Sender sender, EventLoop loop, Http2ServerStream stream, long lengthBytes) {
    super(lengthBytes);
    this.sender = sender;
    this.loop = loop;
    this.stream = stream;
  }

  @Override
  CompletionStage<Void> send(ByteString data) {
    return sender.sendData(stream, data, false);
  }

  @Override
  void finish(Headers trailers) {
    if (trailers.size() == 0) {
      sender.sendData(stream, ByteString.EMPTY, true);
    } else {
      sender.sendTrailers(stream, Http2Fields.trailers(trailers));
    }
  }

  @Override
  public boolean allowsTrailers() {
    return true;
  }

  @Override
  void giveUp(Throwable cause) {
    stream.exchange.abort(cause);
  }

  @Override
  public EventLoop loop() {
    return loop;
  }
}

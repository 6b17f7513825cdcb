package io.gust.server;

import io.gust.http2.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handler for the request of one HTTP/2 stream and sends its response: the head as a
 * HEADERS frame, then a fixed body, a streamed one or a file as DATA frames within the windows.
 * Loop-confined; one per stream.
 *
 * <p>User code is contained as over HTTP/1.1: a handler that throws, returns null or fails its
 * stage is answered with 500 on its stream. When the stream ends first (the client reset it, or
 * the connection closed) the exchange completes {@link Request#clientGone()}, cancels the
 * handler's stage if that is a pending {@code CompletableFuture}, and fails the writes of a
 * streamed body; the other streams go on.
 */
final class Http2Exchange extends HandlerRun {
  private static final Logger log = LoggerFactory.getLogger(Http2Exchange.class);

  private final Http2ServerConnection connection;
  private final Http2Sender sender;
  private final Http2ServerStream stream;
  private Http2BodyWriter bodyWriter;
  /** The stream ended before the answer was sent in full. */
  private boolean cancelled;

  Http2Exchange(Http2ServerConnection connection, Http2Sender sender, Http2ServerStream stream) {
    this.connection = connection;
    this.sender = sender;
    this.stream = stream;
  }

  void run(Request request, Route route) {
    this.request = request;
    if (route.webSocket != null) {
      send(Response.of(400, "WebSocket needs HTTP/1.1\n"));
      return;
    }
    callHandler(route, connection.loop, stream.id);
  }

  @Override
  void completed(long expected, Response response, Throwable error) {
    stageDone();
    if (!cancelled) {
      send(error != null ? handlerFailed(error) : response);
    }
  }

  /** Sends {@code response} (null: the handler gave none, answered 500). */
  @Override
  void send(Response response) {
    if (response == null) {
      response = noResponse();
    }
    if (response.fileBody() != null) {
      sendFile(response, response.fileBody());
      return;
    }
    ByteString fixed = response.body();
    long length = fixed != null ? fixed.size() : response.streamLength();
    boolean bodiless = isHead() || !Response.allowsBody(response.code());
    if (fixed != null || bodiless) {
      boolean empty = bodiless || fixed.size() == 0;
      sender.sendHead(stream, Http2Fields.responseHead(response, length, connection.context),
          empty);
      if (!empty) {
        sender.sendData(stream, fixed, true);
      }
      return;
    }
    stream(response, response.streamingBody(), length);
  }

  private void stream(Response response, StreamingBody body, long length) {
    sender.sendHead(stream, Http2Fields.responseHead(response, length, connection.context),
        false);
    bodyWriter = new Http2BodyWriter(sender, connection.loop, stream, length);
    try {
      body.start(bodyWriter);
    } catch (Throwable t) {
      log.warn("streaming body failed to start; resetting the stream", t);
      bodyWriter.abort(t);
    }
    sender.flushUnlessBatching(); // the head, even when the body's first piece comes later
  }

  /** Opens the file on the loop, sends its size in the head and the file in pieces. */
  private void sendFile(Response response, FileBody file) {
    long size;
    try (FileChannel channel = file.open()) {
      size = channel.size();
    } catch (IOException e) {
      log.debug("cannot open the file for {}: {}", stream, e.toString());
      send(e instanceof NoSuchFileException ? Response.of(404, "not found\n")
          : Response.of(500, "cannot read the file\n"));
      return;
    }
    if (isHead() || !Response.allowsBody(response.code()) || size == 0) {
      sender.sendHead(stream, Http2Fields.responseHead(response, size, connection.context),
          true);
      return;
    }
    stream(response, file.pieces(size), size);
  }

  private boolean isHead() {
    String method = request != null ? request.method()
        : stream.head != null ? Http2Fields.pseudo(stream.head, ":method") : null;
    return "HEAD".equals(method);
  }

  /** The stream ended before its answer was sent in full: stops the handler's work. */
  void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    cancelAwaited();
    if (request != null) {
      request.markClientGone();
    }
    if (bodyWriter != null) {
      bodyWriter.ended();
    }
  }

  /** Resets the stream with INTERNAL_ERROR: a streamed body gave up. */
  void abort(Throwable cause) {
    log.debug("streamed body on {} aborted: {}", stream, String.valueOf(cause));
    connection.resetStream(stream, ErrorCode.INTERNAL_ERROR);
  }
}

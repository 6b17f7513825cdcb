package io.gust.server;

import io.gust.client.Headers;
import io.gust.client.Protocol;
import io.gust.http2.ErrorCode;
import io.gust.http2.FieldValidation;
import io.gust.http2.ReceiveWindow;
import io.gust.http2.Frame;
import io.gust.http2.HeaderListTooLargeException;
import io.gust.http2.Http2Exception;
import java.util.List;
import okio.ByteString;

/**
 * Turns the HEADERS and DATA frames of an {@link Http2ServerConnection} into requests for the
 * router: opens streams within the limits, checks each head (RFC 9113 §8), gathers the body
 * within the server's size limit and against its content-length, and dispatches the request to
 * an {@link Http2Exchange} once the client ended the stream. Requests the server refuses before
 * reading their body (404, 405, 413, 431) are answered at once, and the rest of the body is
 * stopped with RST_STREAM NO_ERROR. Loop-confined.
 */
final class Http2Requests {
  private final Http2ServerConnection connection;
  private final ServerContext context;
  private final Http2Sender sender;
  private final Http2StreamTable streams;
  /** What the client may still send on the whole connection (widened by the preface). */
  private final ReceiveWindow receiveWindow = new ReceiveWindow(
      Http2ServerConnection.CONNECTION_WINDOW, Http2ServerConnection.CONNECTION_WINDOW);

  Http2Requests(Http2ServerConnection connection, Http2Sender sender, Http2StreamTable streams) {
    this.connection = connection;
    this.context = connection.context;
    this.sender = sender;
    this.streams = streams;
  }

  void onHeaders(Frame.Headers headers) throws Http2Exception {
    int id = headers.streamId();
    if (id % 2 == 0) {
      throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
          "HEADERS on even stream " + id);
    }
    if (!streams.isIdle(id)) {
      Http2ServerStream existing = streams.get(id);
      if (existing != null) {
        onTrailers(existing, headers);
      } else if (!sender.wasReset(id)) {
        throw Http2Exception.connection(ErrorCode.STREAM_CLOSED,
            "HEADERS on closed stream " + id);
      }
      return; // or trailers in flight to a stream the server reset
    }
    if (connection.isGoingAway()) {
      streams.skip(id);
      return; // past the GOAWAY's last stream: ignored, the client may retry elsewhere
    }
    if (streams.size() >= context.maxConcurrentStreams) {
      streams.skip(id);
      connection.spendReset("refused stream");
      connection.writeReset(id, ErrorCode.REFUSED_STREAM);
      return;
    }
    Http2ServerStream opened = connection.open(id);
    opened.remoteClosed = headers.endStream();
    try {
      FieldValidation.checkRequest(id, headers.fields());
      if (headers.fields().size() > context.limits.maxHeaderCount()) {
        answer(opened, 431);
        return;
      }
      opened.head = headers.fields();
      start(opened);
    } catch (Http2Exception e) {
      connection.resetStream(opened, e.errorCode());
    }
  }

  private void start(Http2ServerStream opened) throws Http2Exception {
    String length = firstValue(opened, "content-length");
    if (length != null) {
      opened.declaredLength = parseLength(opened.id, length);
      if (opened.declaredLength > context.limits.maxBodyBytes()) {
        answer(opened, 413);
        return;
      }
    }
    String method = Http2Fields.pseudo(opened.head, ":method");
    String path = Http2Fields.pseudo(opened.head, ":path");
    if (path == null) {
      exchange(opened).send(Response.of(405, "method not allowed\n"));
      return;
    }
    Router.Match match = context.router.find(method, Request.pathOf(path));
    if (match.refusal != null) {
      exchange(opened).send(match.refusal);
      return;
    }
    if (opened.remoteClosed) {
      dispatch(opened);
    } else if ("100-continue".equalsIgnoreCase(firstValue(opened, "expect"))) {
      sender.sendInterim(opened, 100);
    }
  }

  private static long parseLength(int id, String value) throws Http2Exception {
    try {
      long length = Long.parseLong(value);
      if (length >= 0 && value.charAt(0) != '+') {
        return length;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR,
        "malformed message: content-length " + value);
  }

  private static String firstValue(Http2ServerStream opened, String name) {
    for (int i = 0, n = opened.head.size(); i < n; i++) {
      if (opened.head.get(i).name().equals(name)) {
        return opened.head.get(i).value();
      }
    }
    return null;
  }

  private void onTrailers(Http2ServerStream target, Frame.Headers trailers) throws Http2Exception {
    if (target.remoteClosed) {
      connection.resetStream(target, ErrorCode.STREAM_CLOSED);
      return;
    }
    if (!trailers.endStream()) {
      connection.resetStream(target, ErrorCode.PROTOCOL_ERROR);
      return;
    }
    try {
      FieldValidation.checkTrailers(target.id, trailers.fields());
    } catch (Http2Exception e) {
      connection.resetStream(target, e.errorCode());
      return;
    }
    endOfRequest(target);
  }

  /**
   * A DATA frame: counted against the connection's window, which is credited back once half of
   * it was used, whatever becomes of the stream; then added to its stream's request body.
   */
  void onData(Frame.Data data) throws Http2Exception {
    int length = data.flowControlledLength();
    if (!receiveWindow.receive(length)) {
      throw Http2Exception.connection(ErrorCode.FLOW_CONTROL_ERROR,
          "DATA passes the connection's window");
    }
    int increment = receiveWindow.consumed(length);
    if (increment > 0) {
      sender.writer.windowUpdate(sender.out, 0, increment);
    }
    if (data.data().size() == 0 && !data.endStream()) {
      connection.spendControl("empty DATA");
    }
    Http2ServerStream target = connection.streamFor(data.streamId(), "DATA");
    if (target != null) {
      onData(target, data);
    }
  }

  /** Credits the stream's window for octets its request body took, once half was used. */
  private void creditStream(Http2ServerStream target, int byteCount) {
    int increment = target.receiveWindow.consumed(byteCount);
    if (increment > 0 && !target.remoteClosed) {
      sender.writer.windowUpdate(sender.out, target.id, increment);
    }
  }

  private void onData(Http2ServerStream target, Frame.Data data) throws Http2Exception {
    if (target.remoteClosed) {
      connection.resetStream(target, ErrorCode.STREAM_CLOSED);
      return;
    }
    if (!target.receiveWindow.receive(data.flowControlledLength())) {
      connection.resetStream(target, ErrorCode.FLOW_CONTROL_ERROR);
      return;
    }
    target.lastProgressNanos = connection.loop.nanoTime();
    creditStream(target, data.flowControlledLength());
    if (target.answered) {
      data.data().clear(); // refused before its body; the reset is on its way
      return;
    }
    long size = target.body.size() + data.data().size();
    if (size > context.limits.maxBodyBytes()) {
      data.data().clear();
      answer(target, 413);
      return;
    }
    target.body.write(data.data(), data.data().size());
    if (data.endStream()) {
      endOfRequest(target);
    }
  }

  private void endOfRequest(Http2ServerStream target) {
    target.remoteClosed = true;
    if (target.answered) {
      return;
    }
    if (target.declaredLength >= 0 && target.declaredLength != target.body.size()) {
      connection.resetStream(target, ErrorCode.PROTOCOL_ERROR);
      return;
    }
    dispatch(target);
  }

  private void dispatch(Http2ServerStream target) {
    Headers headers;
    try {
      headers = Http2Fields.requestHeaders(target.id, target.head);
    } catch (Http2Exception e) {
      connection.resetStream(target, e.errorCode());
      return;
    }
    String method = Http2Fields.pseudo(target.head, ":method");
    String path = Http2Fields.pseudo(target.head, ":path");
    Router.Match match = context.router.find(method, Request.pathOf(path));
    ByteString body = target.body.readByteString();
    Request request = new Request(method, path, Protocol.HTTP_2, headers, body, match.groups,
        connection.stream.remoteAddress(), connection.loop, connection.stream.tlsInfo());
    exchange(target).run(request, match.route);
  }

  private Http2Exchange exchange(Http2ServerStream target) {
    target.exchange = new Http2Exchange(connection, sender, target);
    return target.exchange;
  }

  /** Answers {@code status} before the request was read; the rest of it is then refused. */
  private void answer(Http2ServerStream target, int status) {
    target.body.clear();
    exchange(target).send(Response.of(status,
        io.gust.http.ReasonPhrases.of(status).toLowerCase() + "\n"));
  }

  /** A stream error the reader found: a head too large is answered 431, others reset. */
  void streamError(Http2Exception e) throws Http2Exception {
    int id = e.streamId();
    if (e instanceof HeaderListTooLargeException && streams.isIdle(id) && id % 2 == 1
        && !connection.isGoingAway() && streams.size() < context.maxConcurrentStreams) {
      Http2ServerStream opened = connection.open(id);
      opened.remoteClosed = true; // its body, if any, is refused with the answer
      answer(opened, 431);
      return;
    }
    if (id % 2 == 1) {
      streams.skip(id);
    }
    Http2ServerStream target = streams.get(id);
    if (target != null) {
      connection.resetStream(target, e.errorCode());
    } else {
      connection.writeReset(id, e.errorCode());
    }
  }

  /** Answers 408 to requests whose body has not progressed for the read timeout. */
  void answerStalled(List<Http2ServerStream> open, long nowNanos) {
    for (Http2ServerStream each : open) {
      if (!each.remoteClosed && !each.answered
          && nowNanos - each.lastProgressNanos >= context.bodyReadTimeoutNanos) {
        answer(each, 408);
      }
    }
  }
}

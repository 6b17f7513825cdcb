package io.gust.client;

import io.gust.http.ResponseHead;
import io.gust.http2.ErrorCode;
import io.gust.http2.FieldValidation;
import io.gust.http2.FlowControlWindow;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Exception;
import io.gust.http2.ReceiveWindow;
import java.util.List;
import okio.Buffer;

/**
 * One {@link Exchange} carried as a stream of an {@link Http2ClientConnection}: its request head
 * and body go out as HEADERS and DATA within the stream's and connection's send windows (through
 * an {@link Http2RequestBody}), and its response goes to the exchange's {@link ResponseReader},
 * as if it had come over HTTP/1.1 with the body delimited by END_STREAM. Loop-confined.
 *
 * <p>The stream's receive window is credited as the reader takes the bytes: while the body sink
 * holds a chunk, reading pauses, DATA that keeps arriving is held here (bounded by the window)
 * and no credit goes back, so the server stops sending on this stream and on no other.
 *
 * <p>States: IDLE → OPEN (HEADERS sent) → closed once both sides ended it, or reset; {@link
 * #abort()} resets it (CANCEL) and keeps the connection.
 */
final class Http2Stream {
  private final Exchange exchange;
  private final ResponseReader reader;
  private final Http2ClientConnection connection;
  private final ReceiveWindow receiveWindow = new ReceiveWindow(
      Http2ClientConnection.STREAM_WINDOW, Http2ClientConnection.STREAM_WINDOW);
  private FlowControlWindow sendWindow;
  private Http2RequestBody body;
  private int id;
  private boolean headReceived;
  private boolean remoteEnded;
  private boolean open;
  private boolean paused;
  /** DATA that arrived while reading was paused. */
  private final Buffer held = new Buffer();
  private boolean heldEnd;
  /** Octets taken by the reader while paused, credited once it resumes. */
  private int pendingCredit;

  Http2Stream(Exchange exchange, ResponseReader reader, Http2ClientConnection connection) {
    this.exchange = exchange;
    this.reader = reader;
    this.connection = connection;
  }

  int id() {
    return id;
  }

  /** Opens the stream: HEADERS now, then the body as the windows allow. */
  void start() {
    sendWindow = connection.newSendWindow();
    body = new Http2RequestBody(exchange, this);
    List<HeaderField> fields = Http2RequestHead.fields(exchange.request, exchange.context.config,
        body.contentLength());
    HeadFieldWriter listenerFields = exchange.context.headFields.into(fields);
    exchange.timings.requestHeadStart(exchange.request, listenerFields);
    listenerFields.close();
    long listSize = 0;
    for (HeaderField field : fields) {
      listSize += field.hpackSize();
    }
    if (listSize > connection.peerMaxHeaderListSize()) {
      exchange.fail(new HttpClientException("request header list of " + listSize
          + " octets passes the server's limit of " + connection.peerMaxHeaderListSize()
          + " for " + HttpClientException.safeUri(exchange.request.uri()), exchange.request,
          Phase.WRITE, null));
      return;
    }
    boolean endStream = !body.hasBody();
    id = connection.open(this, fields, endStream);
    open = true;
    exchange.timings.requestHeadSent();
    if (endStream) {
      exchange.requestWritten();
    } else {
      body.start();
    }
  }

  /** Body bytes sent so far. */
  long bodyBytesSent() {
    return body == null ? 0 : body.bytesSent();
  }

  /** The announced request body length, or -1. */
  long sendTotal() {
    return body == null ? -1 : body.contentLength();
  }

  /** Sends what {@code pending} holds, as far as the windows allow; true when it all went. */
  boolean send(Buffer pending, boolean end) {
    while (open) {
      int capacity = connection.sendCapacity(sendWindow);
      if (pending.size() > 0 && capacity == 0) {
        if (sendWindow.available() > 0) {
          connection.awaitWindow(this);
        }
        return false;
      }
      if (pending.size() == 0 && !end) {
        return true;
      }
      int n = (int) Math.min(capacity, pending.size());
      boolean last = end && n == pending.size();
      connection.data(id, sendWindow, pending, n, last);
      if (pending.size() == 0) {
        return true;
      }
    }
    return false;
  }

  /** A window grew: the body goes on. */
  void windowOpened() {
    if (open && body != null) {
      body.windowOpened();
    }
  }

  boolean creditSend(long delta) {
    return sendWindow.credit(delta);
  }

  void onHeaders(List<HeaderField> fields, boolean endStream) throws Http2Exception {
    if (headReceived) {
      if (!endStream) {
        throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "trailers without END_STREAM");
      }
      FieldValidation.checkTrailers(id, fields);
      reader.trailers(Http2RequestHead.headers(fields, 0));
      ended();
      return;
    }
    FieldValidation.checkResponse(id, fields);
    int code = Integer.parseInt(fields.get(0).value());
    ResponseHead head = new ResponseHead(Protocol.HTTP_2, code, "",
        Http2RequestHead.headers(fields, 1));
    if (head.isInterim()) {
      if (endStream) {
        throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "1xx with END_STREAM");
      }
      exchange.interim(head);
      return;
    }
    headReceived = true;
    reader.onHead(head);
    if (endStream) {
      ended();
    }
  }

  void onData(Buffer data, int flowControlledLength, boolean endStream) throws Http2Exception {
    if (!headReceived) {
      throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "DATA before the response head");
    }
    if (!receiveWindow.receive(flowControlledLength)) {
      throw Http2Exception.stream(id, ErrorCode.FLOW_CONTROL_ERROR, "DATA past the stream window");
    }
    connection.credit(id, receiveWindow, flowControlledLength - (int) data.size());
    if (paused) {
      held.write(data, data.size());
      heldEnd = endStream;
      return;
    }
    deliver(data, endStream);
  }

  private void deliver(Buffer data, boolean endStream) {
    int size = (int) data.size();
    if (size > 0) {
      reader.onReadable(data);
      if (data.size() > 0 && exchange.isActive()) {
        malformed("DATA past the response's content-length");
        return;
      }
      if (paused) {
        pendingCredit += size;
      } else {
        connection.credit(id, receiveWindow, size);
      }
    }
    if (endStream) {
      ended();
    }
  }

  /** The server ended its side: the reader sees the end of the body, once it is not paused. */
  private void ended() {
    remoteEnded = true;
    if (paused) {
      heldEnd = true;
      return;
    }
    reader.onEnd(new Buffer());
  }

  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
    if (pendingCredit > 0) {
      int credit = pendingCredit;
      pendingCredit = 0;
      connection.credit(id, receiveWindow, credit);
    }
    if (held.size() > 0 || heldEnd) {
      Buffer next = new Buffer();
      next.write(held, held.size());
      boolean end = heldEnd;
      heldEnd = false;
      deliver(next, end);
    }
  }

  boolean isPaused() {
    return paused;
  }

  /** A response that breaks HTTP/2's message rules: reset (PROTOCOL_ERROR) and fail. */
  private void malformed(String message) {
    open = false;
    connection.reset(id, ErrorCode.PROTOCOL_ERROR);
    fail(message, ErrorCode.PROTOCOL_ERROR, false, null);
  }

  void onReset(ErrorCode code) {
    open = false;
    if (code == ErrorCode.NO_ERROR && remoteEnded) {
      return;
    }
    fail("the server reset the stream (" + code + ")", code, code == ErrorCode.REFUSED_STREAM, null);
  }

  void onGoAway(ErrorCode code) {
    open = false;
    fail("the server went away (" + code + ") before processing the stream", code, true, null);
  }

  void onStreamError(Http2Exception e) {
    open = false;
    fail(e.getMessage(), e.errorCode(), false, e);
  }

  void onConnectionFailed(Throwable cause) {
    open = false;
    if (body != null) {
      body.abort();
    }
    exchange.fail(cause);
  }

  private void fail(String message, ErrorCode code, boolean unprocessed, Throwable cause) {
    if (body != null) {
      body.abort();
    }
    exchange.fail(new Http2StreamException(message, exchange.request, exchange.phase(),
        code.code(), code.name(), unprocessed, cause));
  }

  /** The exchange ended early (cancelled, timed out, failed): reset the stream. */
  void abort() {
    if (body != null) {
      body.abort();
    }
    if (open) {
      open = false;
      connection.reset(id, ErrorCode.CANCEL);
    }
  }

  /** The exchange timed out (and was aborted): the connection checks that it is alive. */
  void timedOut() {
    connection.streamTimedOut();
  }

  /** The exchange delivered its response: the stream closes, reset if either side is unfinished. */
  void release() {
    if (!open) {
      return;
    }
    open = false;
    if (remoteEnded && body.isComplete()) {
      connection.closed(id);
    } else {
      connection.reset(id, remoteEnded ? ErrorCode.NO_ERROR : ErrorCode.CANCEL);
    }
  }
}

package io.gust.server;

import io.gust.client.WebSocketConnection.Message;
import io.gust.net.ChannelStream;
import io.gust.websocket.CloseCodes;
import io.gust.websocket.WebSocketEndpoint;
import io.gust.websocket.WebSocketReader;
import io.gust.websocket.WebSocketWriter;
import okio.Buffer;
import okio.ByteString;

/**
 * The server's WebSocket session on a connection taken over after a 101 answer: the shared
 * {@link WebSocketEndpoint} (reads, close handshake, pings, timers, send queue) speaking to the
 * route's {@link WebSocketListener} or pull-style {@link WebSocketHandler}. The server closes the
 * TCP connection once the close handshake is over. Loop-confined except for the public methods.
 */
final class ServerWebSocketSession extends WebSocketEndpoint<Message>
    implements WebSocketSession {
  private final Request request;
  final WebSocketRoute route;
  private final String subprotocol;

  ServerWebSocketSession(ChannelStream stream, Request request, WebSocketRoute route,
      String subprotocol, WebSocketReader reader, WebSocketWriter writer, boolean compressed) {
    super(stream, reader, writer, compressed, route.settings(), null);
    this.request = request;
    this.route = route;
    this.subprotocol = subprotocol;
  }

  /** Opens the session on the loop: {@code leftover} holds bytes that came after the upgrade. */
  void start(Buffer leftover) {
    start(leftover, () -> {
      if (route.listener() != null) {
        route.listener().onOpen(this);
      } else {
        route.handler().onOpen(this);
      }
    });
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public String subprotocol() {
    return subprotocol;
  }

  /** The connection, for tests. */
  ChannelStream stream() {
    return stream;
  }

  /** The server is shutting down: closes with 1001. */
  void goingAway() {
    if (isOpen()) {
      close(CloseCodes.GOING_AWAY, "server shutting down");
    }
  }

  /** New bytes from the connection; the server connection forwards them here. */
  boolean forward(Buffer in) {
    return onReadable(in);
  }

  /** The client ended its output. */
  void ended(Buffer buffered) {
    onEnd(buffered);
  }

  @Override
  protected boolean hasListener() {
    return route.listener() != null;
  }

  @Override
  protected Message message(boolean text, ByteString data) {
    return text ? Message.text(data.utf8()) : Message.binary(data);
  }

  @Override
  protected void onMessage(Message message) throws Exception {
    if (message.isText()) {
      route.listener().onText(this, message.text());
    } else {
      route.listener().onBinary(this, message.data());
    }
  }

  @Override
  protected void onPing(ByteString payload) throws Exception {
    if (route.listener() != null) {
      route.listener().onPing(this, payload);
    }
  }

  @Override
  protected void onPong(ByteString payload) throws Exception {
    if (route.listener() != null) {
      route.listener().onPong(this, payload);
    }
  }

  @Override
  protected void onError(Throwable error) throws Exception {
    route.listener().onError(this, error);
  }

  @Override
  protected void onClose(int code, String reason) throws Exception {
    route.listener().onClose(this, code, reason);
  }

  @Override
  protected boolean closesTransportFirst() {
    return true;
  }

  @Override
  public String toString() {
    return "WebSocketSession{" + request.path() + ", " + (isOpen() ? "OPEN" : "CLOSING/CLOSED") + "}";
  }
}

package io.gust.client;

import io.gust.net.ChannelStream;
import io.gust.websocket.WebSocketEndpoint;
import io.gust.websocket.WebSocketReader;
import io.gust.websocket.WebSocketSettings;
import io.gust.websocket.WebSocketWriter;
import okio.Buffer;
import okio.ByteString;

/**
 * The client's {@link WebSocket}: the shared {@link WebSocketEndpoint} (reads, close handshake,
 * pings, timers, send queue) on the connection a 101 answer handed over, speaking to the
 * application's {@link WebSocket.Listener} or to its {@link #receive()} calls. After the close
 * handshake it waits for the server to close the TCP connection, up to the close timeout.
 */
final class ClientWebSocket extends WebSocketEndpoint<WebSocket.Message> implements WebSocket {
  private final HttpResponse response;
  private final String subprotocol;
  /** Null for the pull style. */
  private final WebSocket.Listener listener;

  ClientWebSocket(ChannelStream stream, HttpResponse response, String subprotocol,
      WebSocketReader reader, WebSocketWriter writer, boolean compressed, WebSocketSettings settings,
      WebSocket.Listener listener) {
    super(stream, reader, writer, compressed, settings, response.request());
    this.response = response;
    this.subprotocol = subprotocol;
    this.listener = listener;
  }

  /** Starts reading the connection, bytes the server sent after its 101 answer first. */
  void open() {
    start(new Buffer(), () -> {
      if (listener != null) {
        listener.onOpen(this);
      }
    });
    if (stream.isOpen()) {
      readFromStream();
    }
  }

  @Override
  public HttpResponse response() {
    return response;
  }

  @Override
  public String subprotocol() {
    return subprotocol;
  }

  @Override
  protected boolean hasListener() {
    return listener != null;
  }

  @Override
  protected Message message(boolean text, ByteString data) {
    return new Message(text, data);
  }

  @Override
  protected void onMessage(Message message) throws Exception {
    if (message.isText()) {
      listener.onText(this, message.text());
    } else {
      listener.onBinary(this, message.data());
    }
  }

  @Override
  protected void onPing(ByteString payload) throws Exception {
    if (listener != null) {
      listener.onPing(this, payload);
    }
  }

  @Override
  protected void onPong(ByteString payload) throws Exception {
    if (listener != null) {
      listener.onPong(this, payload);
    }
  }

  @Override
  protected void onError(Throwable error) throws Exception {
    listener.onError(this, error);
  }

  @Override
  protected void onClose(int code, String reason) throws Exception {
    listener.onClose(this, code, reason);
  }

  @Override
  protected boolean closesTransportFirst() {
    return false;
  }

  @Override
  public String toString() {
    return "WebSocket{" + HttpClientException.safeUri(response.request().uri()) + ", "
        + (isOpen() ? "OPEN" : "CLOSING/CLOSED") + "}";
  }
}

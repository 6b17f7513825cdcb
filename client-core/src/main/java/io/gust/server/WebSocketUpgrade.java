package io.gust.server;

import io.gust.client.Headers;
import io.gust.client.Protocol;
import io.gust.client.WebSocketOptions;
import io.gust.http.Http1Writer;
import io.gust.websocket.DeflateParameters;
import io.gust.websocket.PerMessageDeflate;
import io.gust.websocket.Role;
import io.gust.websocket.WebSocketHandshake;
import io.gust.websocket.WebSocketHandshakeException;
import io.gust.websocket.WebSocketReader;
import io.gust.websocket.WebSocketWriter;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request for a WebSocket route: checks the upgrade with the codec (RFC 6455 §4.2.1),
 * chooses a subprotocol and the permessage-deflate parameters, writes 101 Switching Protocols and
 * hands the connection to a new {@link ServerWebSocketSession}. A bad request is answered 400, or
 * 426 with {@code Sec-WebSocket-Version: 13} for a version the server does not speak; both close
 * the connection. Stateless; runs on the connection's loop.
 */
final class WebSocketUpgrade {
  private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrade.class);

  private WebSocketUpgrade() {}

  /** Upgrades the connection and returns null, or returns the refusal to answer with. */
  static Response upgrade(ServerConnection connection, Request request, WebSocketRoute route) {
    Headers headers = request.headers();
    WebSocketOptions options = route.options();
    String key;
    String subprotocol;
    DeflateParameters deflate;
    try {
      if (request.protocol() != Protocol.HTTP_1_1) {
        throw new WebSocketHandshakeException("a WebSocket upgrade needs HTTP/1.1");
      }
      key = WebSocketHandshake.checkRequest(request.method(), headers);
      subprotocol = WebSocketHandshake.selectSubprotocol(
          headers.values("Sec-WebSocket-Protocol"), options.subprotocols());
      deflate = options.compression() ? PerMessageDeflate.negotiate(
          headers.values(PerMessageDeflate.HEADER), route.deflatePolicy()) : null;
    } catch (WebSocketHandshakeException e) {
      log.debug("refusing a WebSocket upgrade from {}: {}", request.remoteAddress(), e.getMessage());
      return refusal(e);
    }
    if (connection.context.draining) {
      return Response.of(503, "shutting down\n").withHeader("Connection", "close");
    }
    Headers.Builder fields = new Headers.Builder()
        .add("Upgrade", "websocket")
        .add("Connection", "Upgrade")
        .add("Sec-WebSocket-Accept", WebSocketHandshake.accept(key))
        .add("Date", HttpDate.now())
        .add("Server", connection.context.serverName);
    if (subprotocol != null) {
      fields.add("Sec-WebSocket-Protocol", subprotocol);
    }
    if (deflate != null) {
      fields.add(PerMessageDeflate.HEADER, deflate.headerValue());
    }
    Buffer out = new Buffer();
    Http1Writer.writeResponseHead(out, Protocol.HTTP_1_1, 101, null, fields.build());
    connection.stream.write(out, null);
    ServerWebSocketSession session = new ServerWebSocketSession(connection.stream, request, route,
        subprotocol, new WebSocketReader(Role.SERVER, route.limits(), deflate),
        new WebSocketWriter(Role.SERVER, deflate, options.compressionThresholdBytes(), null),
        deflate != null);
    connection.upgraded(session);
    return null;
  }

  private static Response refusal(WebSocketHandshakeException e) {
    int status = e.suggestedStatus();
    Response response = Response.of(status, e.getMessage() + "\n").withHeader("Connection", "close");
    if (status == 426) {
      response = response.withHeader("Sec-WebSocket-Version", "13").withHeader("Upgrade", "websocket");
    }
    return response;
  }
}

package io.gust.server;

import io.gust.client.WebSocketConnection;

/**
 * One WebSocket connection the server accepted, for its handler to send on, receive from and
 * close: a {@link WebSocketConnection}, the type the client's WebSockets share, with the upgrade
 * request. Every method may be called from any thread; futures complete on the session's loop
 * thread, so what runs there must not block. In the pull style ({@link WebSocketHandler}) the
 * handler asks for each message with {@link #receive()}; a {@link WebSocketListener} route's
 * messages go to the listener. Once the close handshake is over, or the close timeout passed,
 * the server closes the TCP connection.
 */
public interface WebSocketSession extends WebSocketConnection {
  /** The upgrade request: its path, path groups, query and header fields. */
  Request request();
}

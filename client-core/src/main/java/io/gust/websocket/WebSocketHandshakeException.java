package io.gust.websocket;

import io.gust.client.HttpClientException;
import io.gust.client.Phase;

/**
 * An opening handshake that fails RFC 6455's checks: a wrong Sec-WebSocket-Accept, a
 * subprotocol or extension the client did not offer, malformed extension parameters, or a
 * request a server must refuse. Its phase is {@link Phase#HEADERS}; the connection must be
 * closed: a client "fails the WebSocket connection"; a server answers {@link #suggestedStatus()}
 * (400, or 426 with {@code Sec-WebSocket-Version: 13} for a version it does not speak).
 */
public class WebSocketHandshakeException extends HttpClientException {
  private final int suggestedStatus;

  /** Creates a handshake error that a server answers with 400. */
  public WebSocketHandshakeException(String message) {
    this(message, 400);
  }

  /** Creates a handshake error that a server answers with {@code suggestedStatus}. */
  public WebSocketHandshakeException(String message, int suggestedStatus) {
    super(message, null, Phase.HEADERS, null);
    this.suggestedStatus = suggestedStatus;
  }

  /** Returns the status a server should answer a failed upgrade request with. */
  public int suggestedStatus() {
    return suggestedStatus;
  }
}

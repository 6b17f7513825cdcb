package io.gust.client;

/**
 * A WebSocket failed: the server refused or botched the opening handshake ({@link #phase()}
 * HEADERS), or, once open, it broke the protocol, sent a message over the limit, left a
 * keepalive ping unanswered, dropped the connection, or the application sent on a closing
 * WebSocket (phase BODY). {@link #closeCode()} is the close code that went with it: the one the
 * client sent when it failed the connection, 1006 when the connection dropped, 0 for a refused
 * handshake.
 */
public class WebSocketException extends HttpClientException {
  private final int closeCode;

  /** Creates an exception; {@code request} and {@code cause} may be null. */
  public WebSocketException(String message, HttpRequest request, Phase phase, int closeCode,
      Throwable cause) {
    super(message, request, phase, cause);
    this.closeCode = closeCode;
  }

  /** The close code that ended the WebSocket, or 0 when it never opened or is still closing. */
  public int closeCode() {
    return closeCode;
  }
}

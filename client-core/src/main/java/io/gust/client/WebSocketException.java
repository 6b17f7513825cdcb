package io.gust.client;

/**
 * A WebSocket failed, on either side: the server refused or botched a client's opening handshake
 * ({@link #phase()} HEADERS), or, once open, the peer broke the protocol, sent a message over the
 * limit, left a keepalive ping unanswered or dropped the connection, a callback threw, or the
 * application sent on a closing WebSocket (phase BODY). {@link #closeCode()} is the close code
 * that went with it: the one sent when the connection was failed, 1006 when it dropped, 0 for a
 * refused handshake. On the companion server's sessions {@link #request()} is null.
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

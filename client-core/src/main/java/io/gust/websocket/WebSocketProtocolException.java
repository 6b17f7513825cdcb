package io.gust.websocket;

import io.gust.client.HttpClientException;
import io.gust.client.Phase;

/**
 * A peer broke the WebSocket protocol after the handshake: a malformed frame, a bad fragment
 * sequence, text that is not UTF-8, a message over a size limit or an invalid close frame.
 * {@link #closeCode()} is the status the endpoint sends in its close frame before it drops the
 * connection: {@link CloseCodes#PROTOCOL_ERROR}, {@link CloseCodes#INVALID_PAYLOAD} or {@link
 * CloseCodes#MESSAGE_TOO_BIG}. The reader that raised it is spent.
 */
public class WebSocketProtocolException extends HttpClientException {
  private final int closeCode;

  /** Creates a codec error answered with {@code closeCode}. */
  public WebSocketProtocolException(int closeCode, String message) {
    this(closeCode, message, null);
  }

  /** Creates a codec error answered with {@code closeCode}, keeping {@code cause} (nullable). */
  public WebSocketProtocolException(int closeCode, String message, Throwable cause) {
    super(message, null, Phase.BODY, cause);
    this.closeCode = closeCode;
  }

  /** Returns the close code to send the peer. */
  public int closeCode() {
    return closeCode;
  }
}

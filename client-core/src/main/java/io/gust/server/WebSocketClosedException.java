package io.gust.server;

import java.io.IOException;

/**
 * A WebSocket session was closing or closed: a send came too late, or the connection dropped
 * without a close frame ({@link #closeCode()} 1006), or the peer left a close unanswered.
 */
public final class WebSocketClosedException extends IOException {
  private final int closeCode;

  WebSocketClosedException(int closeCode, String message) {
    super(message);
    this.closeCode = closeCode;
  }

  /** The session's close code, or 0 when it was still closing. */
  public int closeCode() {
    return closeCode;
  }
}

package io.gust.server;

import java.io.IOException;

/**
 * A WebSocket send was refused because the frames still waiting to be written would pass the
 * session's send queue bound (the peer reads slower than the handler sends). The message was not
 * sent; the session stays open, so the handler may wait for earlier sends and try again, drop
 * the message, or close the session.
 */
public final class WebSocketQueueFullException extends IOException {
  private final long queuedBytes;

  WebSocketQueueFullException(long queuedBytes, long limitBytes) {
    super("the WebSocket send queue holds " + queuedBytes + " bytes; its bound is " + limitBytes);
    this.queuedBytes = queuedBytes;
  }

  /** The bytes that were waiting to be written when the send was refused. */
  public long queuedBytes() {
    return queuedBytes;
  }
}

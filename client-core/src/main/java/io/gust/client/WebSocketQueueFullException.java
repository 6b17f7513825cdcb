package io.gust.client;

/**
 * A WebSocket send was refused because the frames still waiting to be written would pass the
 * send queue's bound ({@link WebSocketOptions.Builder#sendQueueBytes}): the peer reads slower
 * than the application sends. The message was not sent and the WebSocket stays open, so the
 * application may wait for earlier sends and try again, drop the message, or close. Both the
 * client's {@link WebSocket} and the server's sessions raise it.
 */
public final class WebSocketQueueFullException extends WebSocketException {
  private final long queuedBytes;

  /** Creates an exception; {@code request}, the client's upgrade request, is null on a server. */
  public WebSocketQueueFullException(HttpRequest request, long queuedBytes, long limitBytes) {
    super("the WebSocket send queue holds " + queuedBytes + " bytes; its bound is " + limitBytes,
        request, Phase.WRITE, 0, null);
    this.queuedBytes = queuedBytes;
  }

  /** The bytes that were waiting to be written when the send was refused. */
  public long queuedBytes() {
    return queuedBytes;
  }
}

package io.gust.websocket;

/**
 * The size limits a {@link WebSocketReader} enforces, each failing the connection with close code
 * 1009 (message too big) as soon as it is passed. Immutable.
 *
 * @param maxFrameBytes payload bytes of one frame as it travels, compressed or not
 * @param maxMessageBytes payload bytes of one whole message after reassembly and inflation
 */
public record WebSocketLimits(long maxFrameBytes, long maxMessageBytes) {
  /** 16 MiB frames and messages. */
  public static final WebSocketLimits DEFAULT = new WebSocketLimits(16L << 20, 16L << 20);

  /** Checks that both limits are positive. */
  public WebSocketLimits {
    if (maxFrameBytes <= 0 || maxMessageBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive: " + maxFrameBytes + ", " + maxMessageBytes);
    }
  }
}

package io.gust.websocket;

import io.gust.client.WebSocketOptions;
import java.time.Duration;

/**
 * The loop-side settings of one {@link WebSocketEndpoint}, the same for a client and a server.
 * Immutable.
 *
 * @param sendQueueBytes bound of payload bytes sent and not yet written (64 more per message)
 * @param readAheadBytes data bytes read ahead of a pull-style receiver before reads pause
 * @param closeTimeout how long a close frame waits for its answer (and for the connection to end)
 * @param pingInterval keepalive ping period; zero for none
 * @param idleTimeout how long the endpoint may go without a byte from the peer; zero for no limit
 */
public record WebSocketSettings(long sendQueueBytes, long readAheadBytes, Duration closeTimeout,
    Duration pingInterval, Duration idleTimeout) {
  /** Data bytes read ahead of a pull-style receiver by default. */
  public static final long DEFAULT_READ_AHEAD_BYTES = 64 * 1024;

  /**
   * The settings of {@code options}, with {@code defaultIdleTimeout} when they set none: what
   * every endpoint made with these options shares.
   */
  public static WebSocketSettings of(WebSocketOptions options, Duration defaultIdleTimeout) {
    Duration idle = options.idleTimeout();
    return new WebSocketSettings(options.sendQueueBytes(), DEFAULT_READ_AHEAD_BYTES,
        options.closeTimeout(), options.pingInterval(), idle == null ? defaultIdleTimeout : idle);
  }

  /** Checks the values. */
  public WebSocketSettings {
    if (sendQueueBytes <= 0 || readAheadBytes < 0 || closeTimeout.isNegative() || closeTimeout.isZero()
        || pingInterval.isNegative() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("bad WebSocket settings");
    }
  }
}

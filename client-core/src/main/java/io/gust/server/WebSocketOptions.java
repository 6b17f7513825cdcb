package io.gust.server;

import io.gust.websocket.WebSocketSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one WebSocket route: subprotocols, compression, limits and timeouts. Immutable;
 * build one with {@link #builder()}, or use {@link #DEFAULT}.
 */
public final class WebSocketOptions {
  /** No subprotocols, permessage-deflate accepted, 16 MiB messages, a 1 MiB send queue, 5 s close timeout, no pings, 5 min idle timeout. */
  public static final WebSocketOptions DEFAULT = builder().build();

  final List<String> subprotocols;
  final boolean compression;
  final long maxMessageBytes;
  final long sendQueueBytes;
  final Duration closeTimeout;
  /** Zero when the server sends no keepalive pings. */
  final Duration pingInterval;
  /** Zero for no idle limit. */
  final Duration idleTimeout;
  private final WebSocketSettings settings;

  private WebSocketOptions(Builder builder) {
    this.subprotocols = List.copyOf(builder.subprotocols);
    this.compression = builder.compression;
    this.maxMessageBytes = builder.maxMessageBytes;
    this.sendQueueBytes = builder.sendQueueBytes;
    this.closeTimeout = builder.closeTimeout;
    this.pingInterval = builder.pingInterval;
    this.idleTimeout = builder.idleTimeout;
    this.settings = new WebSocketSettings(sendQueueBytes, WebSocketSettings.DEFAULT_READ_AHEAD_BYTES,
        closeTimeout, pingInterval, idleTimeout);
  }

  /** The settings of the sessions' shared endpoint, made once for all of them. */
  WebSocketSettings settings() {
    return settings;
  }

  /** A builder holding the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for {@link WebSocketOptions}; not thread-safe. */
  public static final class Builder {
    private List<String> subprotocols = List.of();
    private boolean compression = true;
    private long maxMessageBytes = 16L << 20;
    private long sendQueueBytes = 1L << 20;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Duration pingInterval = Duration.ZERO;
    private Duration idleTimeout = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * The subprotocols the route speaks, in its order of preference: the server answers with the
     * first one the client offers, or with none (the client then decides whether to go on).
     */
    public Builder subprotocols(List<String> protocols) {
      this.subprotocols = List.copyOf(protocols);
      return this;
    }

    /** Whether to accept a client's permessage-deflate offer; default true. */
    public Builder compression(boolean enabled) {
      this.compression = enabled;
      return this;
    }

    /**
     * The largest message (after reassembly and inflation) and frame the server reads; a larger
     * one fails the session with close code 1009. Default 16 MiB.
     */
    public Builder maxMessageBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxMessageBytes must be positive: " + bytes);
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * The bound of a session's send queue: payload bytes sent and not yet written to the socket,
     * counting 64 bytes more per message. A send past it fails with {@link
     * WebSocketQueueFullException}. Default 1 MiB; a single larger message is still accepted when
     * the queue is empty.
     */
    public Builder sendQueueBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("sendQueueBytes must be positive: " + bytes);
      }
      this.sendQueueBytes = bytes;
      return this;
    }

    /**
     * How long the server waits, after sending a close frame, for the peer's close frame (and for
     * its own to be written) before it closes the connection anyway. Default 5 s.
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("closeTimeout must be positive: " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Sends a ping every {@code interval} while the session is open; a ping still unanswered when
     * the next one is due fails the session with 1011 (keepalive timeout). Zero, the default,
     * sends none.
     */
    public Builder pingInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("pingInterval must not be negative: " + interval);
      }
      this.pingInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Closes a session with 1001 (going away) when no byte came from the client for {@code
     * timeout}; the time a pull-style handler leaves the socket unread counts too, so a handler
     * that stops receiving does not hold the connection for ever. Zero for no limit; default 5
     * minutes. Keepalive pings answered in time keep a session from going idle.
     */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must not be negative: " + timeout);
      }
      this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Creates the options. */
    public WebSocketOptions build() {
      return new WebSocketOptions(this);
    }
  }
}

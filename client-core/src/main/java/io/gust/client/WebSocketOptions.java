package io.gust.client;

import io.gust.websocket.WebSocketLimits;
import io.gust.websocket.WebSocketSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one client WebSocket: subprotocols to offer, compression, limits and timers.
 * Immutable; build one with {@link #builder()}, or use {@link #DEFAULT}.
 */
public final class WebSocketOptions {
  /**
   * No subprotocols; permessage-deflate offered with context takeover, messages under 1 KiB sent
   * uncompressed; 16 MiB messages; a 1 MiB send queue; 5 s close timeout; no pings.
   */
  public static final WebSocketOptions DEFAULT = builder().build();

  final List<String> subprotocols;
  final boolean compression;
  final boolean serverNoContextTakeover;
  final boolean clientNoContextTakeover;
  final long compressionThresholdBytes;
  final long maxMessageBytes;
  final long sendQueueBytes;
  final Duration closeTimeout;
  final Duration pingInterval;
  /** What every WebSocket of these options shares with the codec and the endpoint. */
  final WebSocketLimits limits;
  final WebSocketSettings settings;

  private WebSocketOptions(Builder builder) {
    this.subprotocols = builder.subprotocols;
    this.compression = builder.compression;
    this.serverNoContextTakeover = builder.serverNoContextTakeover;
    this.clientNoContextTakeover = builder.clientNoContextTakeover;
    this.compressionThresholdBytes = builder.compressionThresholdBytes;
    this.maxMessageBytes = builder.maxMessageBytes;
    this.sendQueueBytes = builder.sendQueueBytes;
    this.closeTimeout = builder.closeTimeout;
    this.pingInterval = builder.pingInterval;
    this.limits = new WebSocketLimits(maxMessageBytes, maxMessageBytes);
    this.settings = new WebSocketSettings(sendQueueBytes, WebSocketSettings.DEFAULT_READ_AHEAD_BYTES,
        closeTimeout, pingInterval, Duration.ZERO);
  }

  /** A builder holding the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings for {@link WebSocketOptions}; not thread-safe. */
  public static final class Builder {
    private List<String> subprotocols = List.of();
    private boolean compression = true;
    private boolean serverNoContextTakeover;
    private boolean clientNoContextTakeover;
    private long compressionThresholdBytes = 1024;
    private long maxMessageBytes = 16L << 20;
    private long sendQueueBytes = 1L << 20;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Duration pingInterval = Duration.ZERO;

    private Builder() {}

    /**
     * The subprotocols to offer, in order of preference; the server may choose one of them or
     * none, and one it chooses that was not offered fails the handshake.
     */
    public Builder subprotocols(List<String> protocols) {
      this.subprotocols = List.copyOf(protocols);
      return this;
    }

    /** Whether to offer permessage-deflate; default true. */
    public Builder compression(boolean enabled) {
      this.compression = enabled;
      return this;
    }

    /**
     * Asks the server to compress each message on its own ({@code server_no_context_takeover}),
     * and the client to do so ({@code client_no_context_takeover}): less memory held between
     * messages, for worse compression. Both false by default. The client never offers {@code
     * client_max_window_bits}, as the JDK's deflater only uses a 15-bit window.
     */
    public Builder noContextTakeover(boolean server, boolean client) {
      this.serverNoContextTakeover = server;
      this.clientNoContextTakeover = client;
      return this;
    }

    /** Messages shorter than this go uncompressed even when compression was agreed; default 1 KiB. */
    public Builder compressionThresholdBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("compressionThresholdBytes must not be negative: " + bytes);
      }
      this.compressionThresholdBytes = bytes;
      return this;
    }

    /**
     * The largest frame and message (after reassembly and inflation) the client reads; a larger
     * one fails the WebSocket with close code 1009. Default 16 MiB.
     */
    public Builder maxMessageBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxMessageBytes must be positive: " + bytes);
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * The bound of payload bytes sent and not yet written to the socket, counting 64 bytes more
     * per message; a send past it fails with {@link WebSocketQueueFullException}. Default 1 MiB;
     * a single larger message is still accepted when the queue is empty.
     */
    public Builder sendQueueBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("sendQueueBytes must be positive: " + bytes);
      }
      this.sendQueueBytes = bytes;
      return this;
    }

    /**
     * How long the client waits, after a close frame, for the server's answer and for the server
     * to close the connection, before it closes the connection itself. Default 5 s.
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("closeTimeout must be positive: " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Sends a keepalive ping every {@code interval}; one still unanswered when the next is due
     * fails the WebSocket with 1011. Zero, the default, sends none.
     */
    public Builder pingInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("pingInterval must not be negative: " + interval);
      }
      this.pingInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** Creates the options. */
    public WebSocketOptions build() {
      return new WebSocketOptions(this);
    }
  }
}

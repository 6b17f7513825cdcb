package io.gust.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a WebSocket, the same type for both sides: the client's for one connection
 * ({@link AsyncHttpClient#websocket}), the companion server's for every session of one route
 * ({@code HttpServer.Builder.websocket}). Subprotocols, compression, limits, the send queue and
 * timers; where a setting means something different to each side, its builder method says so.
 * Immutable; build one with {@link #builder()}, or use {@link #DEFAULT}.
 */
public final class WebSocketOptions {
  /**
   * No subprotocols; permessage-deflate with context takeover, messages under 1 KiB sent
   * uncompressed; 16 MiB messages; a 1 MiB send queue; 5 s close timeout; no pings; no idle
   * timeout for a client, 5 minutes for a server route.
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
  /** Null when not set: the side's default. */
  final Duration idleTimeout;

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
    this.idleTimeout = builder.idleTimeout;
  }

  /** The subprotocols, in order of preference; see {@link Builder#subprotocols}. */
  public List<String> subprotocols() {
    return subprotocols;
  }

  /** Whether permessage-deflate is offered (client) or accepted (server). */
  public boolean compression() {
    return compression;
  }

  /** Whether the server is asked (client) or chooses (server) to compress without context. */
  public boolean serverNoContextTakeover() {
    return serverNoContextTakeover;
  }

  /** Whether the client compresses (client) or is asked to (server) without context. */
  public boolean clientNoContextTakeover() {
    return clientNoContextTakeover;
  }

  /** Messages shorter than this are sent uncompressed. */
  public long compressionThresholdBytes() {
    return compressionThresholdBytes;
  }

  /** The largest frame and message read, after reassembly and inflation. */
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  /** The bound of the send queue. */
  public long sendQueueBytes() {
    return sendQueueBytes;
  }

  /** How long a close frame waits for its answer and the connection's end. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** The keepalive ping period; zero for none. */
  public Duration pingInterval() {
    return pingInterval;
  }

  /**
   * The idle timeout; zero for none, null when it was not set and the side's default applies
   * (none for a client, 5 minutes for a server route).
   */
  public Duration idleTimeout() {
    return idleTimeout;
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
    private Duration idleTimeout;

    private Builder() {}

    /**
     * The subprotocols, in order of preference. A client offers them; the server may choose one
     * or none, and one it chooses that was not offered fails the handshake. A server route
     * answers with the first one the client offers, or with none (the client then decides
     * whether to go on).
     */
    public Builder subprotocols(List<String> protocols) {
      this.subprotocols = List.copyOf(protocols);
      return this;
    }

    /** Whether the client offers, and the server accepts, permessage-deflate; default true. */
    public Builder compression(boolean enabled) {
      this.compression = enabled;
      return this;
    }

    /**
     * Has the server compress each message on its own ({@code server_no_context_takeover}),
     * and the client do so ({@code client_no_context_takeover}): less memory held between
     * messages, for worse compression. A client asks for them in its offer; a server route
     * answers with them whatever the client offered. Both false by default. Neither side offers
     * a window smaller than 15 bits, the only one the JDK's deflater uses.
     */
    public Builder noContextTakeover(boolean server, boolean client) {
      this.serverNoContextTakeover = server;
      this.clientNoContextTakeover = client;
      return this;
    }

    /** Messages shorter than this go uncompressed even when compression was agreed; 1 KiB. */
    public Builder compressionThresholdBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException(
            "compressionThresholdBytes must not be negative: " + bytes);
      }
      this.compressionThresholdBytes = bytes;
      return this;
    }

    /**
     * The largest frame and message (after reassembly and inflation) read; a larger one fails
     * the WebSocket with close code 1009. Default 16 MiB.
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
     * How long a side waits, after sending a close frame, for the peer's answer (and a client for
     * the server to close the connection) before it closes the connection itself. Default 5 s.
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("closeTimeout must be positive: " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * Sends a keepalive ping every {@code interval} while open; one still unanswered when the
     * next is due fails the WebSocket with 1011. Zero, the default, sends none.
     */
    public Builder pingInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("pingInterval must not be negative: " + interval);
      }
      this.pingInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Closes the WebSocket with 1001 (going away) when no byte came from the peer for {@code
     * timeout}; the time a pull-style receiver leaves the socket unread counts too, so one that
     * stops receiving does not hold the connection for ever. Keepalive pings answered in time
     * keep it from going idle. Zero for no limit; by default none for a client and 5 minutes
     * for a server route.
     */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must not be negative: " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** Creates the options. */
    public WebSocketOptions build() {
      return new WebSocketOptions(this);
    }
  }
}

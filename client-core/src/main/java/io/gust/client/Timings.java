package io.gust.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long each phase of one exchange took. A phase that did not happen (DNS and connect on a
 * reused connection, TLS over plain HTTP) is {@link Duration#ZERO}. Immutable.
 *
 * <p>The client fills a {@link Builder} from {@code System.nanoTime()} differences as the
 * exchange goes; {@link #total()} runs from {@code fetch} to the last body byte, and {@link
 * #start()} says when, by the wall clock, that call was made.
 */
public final class Timings {
  private static final Timings NONE = new Builder().build();

  /** The start as seconds and nanoseconds of the epoch, so that no Instant is kept per response. */
  private final long startSeconds;
  private final int startNano;
  private final long queueNanos;
  private final long dnsNanos;
  private final long connectNanos;
  private final long tlsNanos;
  private final long proxyNanos;
  private final long requestWrittenNanos;
  private final long firstByteNanos;
  private final long bodyNanos;
  private final long totalNanos;

  private Timings(long startSeconds, int startNano, long queueNanos, long dnsNanos,
      long connectNanos, long tlsNanos, long proxyNanos, long requestWrittenNanos,
      long firstByteNanos, long bodyNanos, long totalNanos) {
    this.startSeconds = startSeconds;
    this.startNano = startNano;
    this.queueNanos = Builder.check(queueNanos);
    this.dnsNanos = Builder.check(dnsNanos);
    this.connectNanos = Builder.check(connectNanos);
    this.tlsNanos = Builder.check(tlsNanos);
    this.proxyNanos = Builder.check(proxyNanos);
    this.requestWrittenNanos = Builder.check(requestWrittenNanos);
    this.firstByteNanos = Builder.check(firstByteNanos);
    this.bodyNanos = Builder.check(bodyNanos);
    this.totalNanos = Builder.check(totalNanos);
  }

  /**
   * The timings the client measured, without a builder: the start in nanoseconds since the epoch,
   * then each phase in the order of the builder's setters.
   */
  static Timings measured(long startEpochNanos, long queueNanos, long dnsNanos,
      long connectNanos, long tlsNanos, long proxyNanos, long requestWrittenNanos,
      long firstByteNanos, long bodyNanos, long totalNanos) {
    return new Timings(Math.floorDiv(startEpochNanos, 1_000_000_000L),
        (int) Math.floorMod(startEpochNanos, 1_000_000_000L), queueNanos, dnsNanos, connectNanos,
        tlsNanos, proxyNanos, requestWrittenNanos, firstByteNanos, bodyNanos, totalNanos);
  }

  /** Returns timings in which every phase is zero, for responses no client measured. */
  public static Timings none() {
    return NONE;
  }

  /** Returns a builder with every phase zero. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The wall-clock instant the fetch began (the call to {@code fetch}), from which {@link
   * #total()} runs; {@link Instant#EPOCH} for timings no client measured.
   */
  public Instant start() {
    return Instant.ofEpochSecond(startSeconds, startNano);
  }

  /** Time spent waiting in the client's queue for a connection slot. */
  public Duration queue() {
    return Duration.ofNanos(queueNanos);
  }

  /** Time spent resolving the host name. */
  public Duration dns() {
    return Duration.ofNanos(dnsNanos);
  }

  /** Time spent opening the TCP connection. */
  public Duration connect() {
    return Duration.ofNanos(connectNanos);
  }

  /** Time spent in the TLS handshake. */
  public Duration tls() {
    return Duration.ofNanos(tlsNanos);
  }

  /**
   * Time spent setting up the proxy once connected to it: TLS to an HTTPS proxy and the {@code
   * CONNECT} tunnel (authentication rounds included); zero without a proxy or on a reused
   * connection. {@link #connect()} is then the TCP connect to the proxy and {@link #tls()} the
   * handshake with the origin.
   */
  public Duration proxy() {
    return Duration.ofNanos(proxyNanos);
  }

  /** Time spent writing the request head and body. */
  public Duration requestWritten() {
    return Duration.ofNanos(requestWrittenNanos);
  }

  /** Time from the request written to the first response byte (the server's think time). */
  public Duration firstByte() {
    return Duration.ofNanos(firstByteNanos);
  }

  /** Time from the first response byte to the last. */
  public Duration body() {
    return Duration.ofNanos(bodyNanos);
  }

  /** Time from the call to fetch to the last response byte. */
  public Duration total() {
    return Duration.ofNanos(totalNanos);
  }

  @Override
  public String toString() {
    return "Timings{start=" + start() + ", queue=" + millis(queueNanos) + ", dns=" + millis(dnsNanos)
        + ", connect=" + millis(connectNanos) + ", proxy=" + millis(proxyNanos)
        + ", tls=" + millis(tlsNanos)
        + ", requestWritten=" + millis(requestWrittenNanos) + ", firstByte=" + millis(firstByteNanos)
        + ", body=" + millis(bodyNanos) + ", total=" + millis(totalNanos) + "}";
  }

  private static String millis(long nanos) {
    return (nanos / 1000) / 1000.0 + "ms";
  }

  /** Collects phase durations in nanoseconds; negative values are refused. Not thread-safe. */
  public static final class Builder {
    private long startSeconds;
    private int startNano;
    private long queueNanos;
    private long dnsNanos;
    private long connectNanos;
    private long tlsNanos;
    private long proxyNanos;
    private long requestWrittenNanos;
    private long firstByteNanos;
    private long bodyNanos;
    private long totalNanos;

    private Builder() {}

    /** Sets the wall-clock instant the fetch began. */
    public Builder start(Instant instant) {
      startSeconds = Objects.requireNonNull(instant, "instant").getEpochSecond();
      startNano = instant.getNano();
      return this;
    }

    /** Sets the time spent queued. */
    public Builder queueNanos(long nanos) {
      queueNanos = check(nanos);
      return this;
    }

    /** Sets the time spent resolving. */
    public Builder dnsNanos(long nanos) {
      dnsNanos = check(nanos);
      return this;
    }

    /** Sets the time spent connecting. */
    public Builder connectNanos(long nanos) {
      connectNanos = check(nanos);
      return this;
    }

    /** Sets the time spent in the TLS handshake. */
    public Builder tlsNanos(long nanos) {
      tlsNanos = check(nanos);
      return this;
    }

    /** Sets the time spent setting up the proxy. */
    public Builder proxyNanos(long nanos) {
      proxyNanos = check(nanos);
      return this;
    }

    /** Sets the time spent writing the request. */
    public Builder requestWrittenNanos(long nanos) {
      requestWrittenNanos = check(nanos);
      return this;
    }

    /** Sets the time from request written to first response byte. */
    public Builder firstByteNanos(long nanos) {
      firstByteNanos = check(nanos);
      return this;
    }

    /** Sets the time from first to last response byte. */
    public Builder bodyNanos(long nanos) {
      bodyNanos = check(nanos);
      return this;
    }

    /** Sets the time from fetch to last response byte. */
    public Builder totalNanos(long nanos) {
      totalNanos = check(nanos);
      return this;
    }

    /** Returns the timings collected so far. */
    public Timings build() {
      return new Timings(startSeconds, startNano, queueNanos, dnsNanos, connectNanos, tlsNanos,
          proxyNanos, requestWrittenNanos, firstByteNanos, bodyNanos, totalNanos);
    }

    private static long check(long nanos) {
      if (nanos < 0) {
        throw new IllegalArgumentException("negative duration: " + nanos + " ns");
      }
      return nanos;
    }
  }
}

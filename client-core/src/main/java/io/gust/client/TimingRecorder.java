package io.gust.client;

import java.time.Instant;

/**
 * Gathers one fetch's {@link Timings} as it goes: the fetch records its queueing, the {@link
 * ConnectionSetup} the DNS, connect, proxy and TLS steps of a new connection, the {@link Exchange} when
 * its request went out and its first response byte came in; {@link #timings} adds them up for
 * the response. Times are the loop clock's nanoseconds. One per fetch; loop-confined, written
 * only through these methods.
 */
final class TimingRecorder {
  private final long startNanos;
  /** The wall-clock instant of the call to fetch. */
  private final Instant startInstant;
  private long queuedAtNanos;
  private long queueNanos;
  /** DNS, connect and TLS handshake time of the connection that carries the current exchange. */
  private long dnsNanos;
  private long connectNanos;
  private long tlsNanos;
  private long proxyNanos;
  /** When the current exchange's connection was ready (or, for a reused one, when it began). */
  private long readyNanos;
  private long writtenNanos;
  private long firstByteNanos;

  TimingRecorder(long startNanos, Instant startInstant) {
    this.startNanos = startNanos;
    this.startInstant = startInstant;
  }

  long startNanos() {
    return startNanos;
  }

  void queued(long nowNanos) {
    queuedAtNanos = nowNanos;
  }

  /** The fetch left the queue for a connection. */
  void dequeued(long nowNanos) {
    queueNanos += nowNanos - queuedAtNanos;
  }

  /** An exchange begins; a reused connection cost no DNS, connect or TLS time. */
  void exchangeStarted(long nowNanos, boolean reused) {
    readyNanos = nowNanos;
    writtenNanos = 0;
    firstByteNanos = 0;
    if (reused) {
      dnsNanos = 0;
      connectNanos = 0;
      tlsNanos = 0;
    }
    proxyNanos = 0;
  }

  void dns(long nanos) {
    dnsNanos = nanos;
  }

  void connect(long nanos) {
    connectNanos = nanos;
  }

  /** The TLS handshake's time; zero for plain http. */
  void tls(long nanos) {
    tlsNanos = nanos;
  }

  /** The proxy step's time (TLS to the proxy, CONNECT); zero without a proxy. */
  void proxy(long nanos) {
    proxyNanos = nanos;
  }

  /** The new connection is ready: the write phase starts now. */
  void connected(long nowNanos) {
    readyNanos = nowNanos;
  }

  void written(long nowNanos) {
    writtenNanos = nowNanos;
  }

  /** A response byte arrived; only the first counts. */
  void bytesRead(long nowNanos) {
    if (firstByteNanos == 0) {
      firstByteNanos = nowNanos;
    }
  }

  /** The timings of a response completed at {@code nowNanos}. */
  Timings timings(long nowNanos) {
    long written = writtenNanos == 0 ? nowNanos : writtenNanos;
    long firstByte = firstByteNanos == 0 ? nowNanos : firstByteNanos;
    return Timings.newBuilder().start(startInstant).queueNanos(queueNanos).dnsNanos(dnsNanos)
        .connectNanos(connectNanos).tlsNanos(tlsNanos)
        .proxyNanos(proxyNanos)
        .requestWrittenNanos(Math.max(0, written - readyNanos))
        .firstByteNanos(Math.max(0, firstByte - written))
        .bodyNanos(nowNanos - firstByte).totalNanos(nowNanos - startNanos).build();
  }
}

package io.gust.resolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link CachingResolver} knows of one (host, family): a query in flight, addresses until a
 * deadline, or a failure until a deadline. Replaced, never changed, when that state changes; only
 * the use time and the per-port results below are written after publication.
 */
final class CacheEntry {
  /** Use times closer than this are not recorded, so that hits on other cores seldom write. */
  private static final long USE_RESOLUTION_NANOS = 1_000_000;
  /** How many ports keep a ready-made result; more are built on each hit. */
  private static final int MAX_PORTS = 4;

  /** Completes with the settled entry when the query in flight ends; null once settled. */
  final CompletableFuture<CacheEntry> inFlight;
  /** The addresses in resolver order; null unless positive. */
  final List<InetAddress> addresses;
  /** The failure to repeat; null unless negative. */
  final UnknownHostException failure;
  final long expiresAtNanos;
  /** Last time a lookup used this entry; racy on purpose, read only to pick what to evict. */
  long lastUsedNanos;
  /** Ready-made results for the ports asked so far, replaced as a whole (copy on write). */
  private volatile PortResult[] ports = new PortResult[0];

  private CacheEntry(CompletableFuture<CacheEntry> inFlight, List<InetAddress> addresses,
      UnknownHostException failure, long expiresAtNanos, long nowNanos) {
    this.inFlight = inFlight;
    this.addresses = addresses;
    this.failure = failure;
    this.expiresAtNanos = expiresAtNanos;
    this.lastUsedNanos = nowNanos;
  }

  static CacheEntry pending(long nowNanos) {
    return new CacheEntry(new CompletableFuture<>(), null, null, Long.MAX_VALUE, nowNanos);
  }

  static CacheEntry positive(List<InetAddress> addresses, long expiresAtNanos, long nowNanos) {
    return new CacheEntry(null, addresses, null, expiresAtNanos, nowNanos);
  }

  static CacheEntry negative(UnknownHostException failure, long expiresAtNanos, long nowNanos) {
    return new CacheEntry(null, null, failure, expiresAtNanos, nowNanos);
  }

  /** Records a use at {@code nowNanos}, to millisecond precision. */
  void touch(long nowNanos) {
    if (nowNanos - lastUsedNanos > USE_RESOLUTION_NANOS) {
      lastUsedNanos = nowNanos;
    }
  }

  boolean isPending() {
    return inFlight != null;
  }

  boolean isExpired(long nowNanos) {
    return inFlight == null && nowNanos - expiresAtNanos >= 0;
  }

  /** The shared, already completed result for {@code port}; positive entries only. */
  CompletableFuture<List<InetSocketAddress>> result(int port) {
    PortResult[] known = ports;
    for (PortResult candidate : known) {
      if (candidate.port == port) {
        return candidate.future;
      }
    }
    PortResult made = new PortResult(port, new SettledFuture<>(list(port)));
    if (known.length < MAX_PORTS) {
      PortResult[] grown = new PortResult[known.length + 1];
      System.arraycopy(known, 0, grown, 0, known.length);
      grown[known.length] = made;
      // A lost race costs one rebuilt result later, never a wrong one.
      ports = grown;
    }
    return made.future;
  }

  private List<InetSocketAddress> list(int port) {
    List<InetSocketAddress> list = new ArrayList<>(addresses.size());
    for (InetAddress address : addresses) {
      list.add(new InetSocketAddress(address, port));
    }
    return List.copyOf(list);
  }

  private static final class PortResult {
    final int port;
    final CompletableFuture<List<InetSocketAddress>> future;

    PortResult(int port, CompletableFuture<List<InetSocketAddress>> future) {
      this.port = port;
      this.future = future;
    }
  }
}

package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Remembers another resolver's answers: addresses for their DNS TTL (when the delegate reports
 * one, as {@link DnsResolver} does) or else a default TTL, failures for a short negative TTL.
 *
 * <p>Entries are per host name (case-insensitive) and address family; any port shares them.
 * Lookups of a name already being resolved wait for that one query instead of starting another,
 * even from other loops, and each completes on its own caller's loop. A hit answers at once, on
 * the calling thread, with a shared completed future that cannot be altered and without
 * allocating. The cache holds at most a configured number of entries, dropping expired ones and
 * then the least recently used. {@link ResolverRejectedException}s are not cached. Thread-safe;
 * {@link #close()} empties the cache and closes the delegate.
 */
public final class CachingResolver implements Resolver {
  private final Resolver delegate;
  private final long defaultTtlNanos;
  private final long negativeTtlNanos;
  private final int maximumSize;
  private final LongSupplier clock;
  /** One map per address family, keyed by lower-case host name. */
  private final List<Map<String, CacheEntry>> byFamily = new ArrayList<>(3);
  private final Object evictionLock = new Object();
  private volatile boolean closed;

  private CachingResolver(Builder builder) {
    this.delegate = builder.delegate;
    this.defaultTtlNanos = builder.defaultTtl.toNanos();
    this.negativeTtlNanos = builder.negativeTtl.toNanos();
    this.maximumSize = builder.maximumSize;
    this.clock = builder.clock;
    for (int i = 0; i < AddressFamily.values().length; i++) {
      byFamily.add(new ConcurrentHashMap<>());
    }
  }

  /** A cache with the defaults in front of {@code delegate}, which it then owns. */
  public CachingResolver(Resolver delegate) {
    this(builder(delegate));
  }

  /** A builder for a cache in front of {@code delegate}, which the cache then owns. */
  public static Builder builder(Resolver delegate) {
    return new Builder(Objects.requireNonNull(delegate, "delegate"));
  }

  @Override
  public CompletableFuture<List<InetSocketAddress>> resolve(
      EventLoop loop, String host, int port, AddressFamily family) {
    Map<String, CacheEntry> map = byFamily.get(family.ordinal());
    String key = key(host);
    long now = clock.getAsLong();
    CacheEntry entry = map.get(key);
    if (entry != null && entry.addresses != null && !entry.isExpired(now)) {
      entry.touch(now);
      return entry.result(port);
    }
    if (closed) {
      return CompletableFuture.failedFuture(new ResolverRejectedException(host, "resolver closed"));
    }
    return miss(map, key, entry, now, loop, host, port, family);
  }

  private CompletableFuture<List<InetSocketAddress>> miss(Map<String, CacheEntry> map, String key,
      CacheEntry seen, long now, EventLoop loop, String host, int port, AddressFamily family) {
    CacheEntry entry = seen;
    while (true) {
      if (entry != null && !entry.isExpired(now)) {
        entry.touch(now);
        if (entry.isPending()) {
          return await(entry, loop, port);
        }
        return entry.failure != null
            ? CompletableFuture.failedFuture(entry.failure) : entry.result(port);
      }
      CacheEntry pending = CacheEntry.pending(now);
      boolean won = entry == null
          ? map.putIfAbsent(key, pending) == null : map.replace(key, entry, pending);
      if (won) {
        CompletableFuture<List<InetSocketAddress>> result = await(pending, loop, port);
        query(map, key, pending, loop, host, port, family);
        evictIfFull();
        return result;
      }
      entry = map.get(key);
    }
  }

  /** A future for this caller that completes on {@code loop} once {@code pending} settles. */
  private static CompletableFuture<List<InetSocketAddress>> await(CacheEntry pending,
      EventLoop loop, int port) {
    CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
    pending.inFlight.thenAccept(settled -> {
      Runnable completion = () -> {
        if (settled.failure != null) {
          result.completeExceptionally(settled.failure);
        } else {
          result.complete(settled.result(port).getNow(null));
        }
      };
      if (loop.inLoop()) {
        completion.run();
      } else {
        try {
          loop.execute(completion);
        } catch (RejectedExecutionException e) {
          completion.run();
        }
      }
    });
    return result;
  }

  private void query(Map<String, CacheEntry> map, String key, CacheEntry pending, EventLoop loop,
      String host, int port, AddressFamily family) {
    CompletableFuture<List<InetSocketAddress>> answer;
    try {
      answer = delegate.resolve(loop, host, port, family);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((addresses, error) -> settle(map, key, pending, host, addresses, error));
  }

  private void settle(Map<String, CacheEntry> map, String key, CacheEntry pending, String host,
      List<InetSocketAddress> addresses, Throwable error) {
    long now = clock.getAsLong();
    CacheEntry settled;
    if (error == null && addresses != null && !addresses.isEmpty()) {
      long ttlSeconds = ResolvedAddresses.ttlSeconds(addresses);
      long ttlNanos = ttlSeconds < 0 ? defaultTtlNanos : TimeUnit.SECONDS.toNanos(ttlSeconds);
      List<InetAddress> bare = new ArrayList<>(addresses.size());
      for (InetSocketAddress address : addresses) {
        bare.add(address.getAddress());
      }
      settled = CacheEntry.positive(List.copyOf(bare), now + ttlNanos, now);
    } else {
      UnknownHostException failure = asUnknownHost(host, error);
      settled = CacheEntry.negative(failure, now + negativeTtlNanos, now);
    }
    if (settled.failure instanceof ResolverRejectedException || closed) {
      map.remove(key, pending);
    } else {
      map.replace(key, pending, settled);
    }
    pending.inFlight.complete(settled);
  }

  private static UnknownHostException asUnknownHost(String host, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof UnknownHostException) {
      return (UnknownHostException) cause;
    }
    UnknownHostException failure = new UnknownHostException(host + ": "
        + (cause == null ? "the resolver returned no address" : "lookup failed"));
    failure.initCause(cause);
    return failure;
  }

  private void evictIfFull() {
    if (size() <= maximumSize) {
      return;
    }
    synchronized (evictionLock) {
      long now = clock.getAsLong();
      List<Held> live = new ArrayList<>();
      for (Map<String, CacheEntry> map : byFamily) {
        for (Map.Entry<String, CacheEntry> e : map.entrySet()) {
          if (e.getValue().isExpired(now)) {
            map.remove(e.getKey(), e.getValue());
          } else {
            live.add(new Held(map, e.getKey(), e.getValue()));
          }
        }
      }
      // Down to nine tenths, so that a full cache does not sort on every miss.
      int excess = live.size() - Math.max(1, maximumSize - maximumSize / 10);
      if (excess > 0) {
        live.sort(Comparator.comparingLong(held -> held.entry.lastUsedNanos));
        for (Held held : live.subList(0, excess)) {
          held.map.remove(held.key, held.entry);
        }
      }
    }
  }

  /** An entry and where it is held, while choosing what to evict. */
  private record Held(Map<String, CacheEntry> map, String key, CacheEntry entry) {}

  /** Entries held, pending ones included. */
  int size() {
    int size = 0;
    for (Map<String, CacheEntry> map : byFamily) {
      size += map.size();
    }
    return size;
  }

  /** Empties the cache and closes the delegate; lookups after this fail. */
  @Override
  public void close() {
    closed = true;
    for (Map<String, CacheEntry> map : byFamily) {
      map.clear();
    }
    delegate.close();
  }

  @Override
  public String toString() {
    return "CachingResolver{" + size() + " entries, then " + delegate + "}";
  }

  /** Lower case, allocating only when the name has upper-case letters. */
  private static String key(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c >= 'A' && c <= 'Z' || c > 0x7f) {
        return host.toLowerCase(Locale.ROOT);
      }
    }
    return host;
  }

  /** Settings for a {@link CachingResolver}. */
  public static final class Builder {
    private final Resolver delegate;
    private Duration defaultTtl = Duration.ofSeconds(60);
    private Duration negativeTtl = Duration.ofSeconds(5);
    private int maximumSize = 10_000;
    private LongSupplier clock = System::nanoTime;

    private Builder(Resolver delegate) {
      this.delegate = delegate;
    }

    /** How long to keep addresses whose source gave no TTL; default 60 s. */
    public Builder defaultTtl(Duration ttl) {
      this.defaultTtl = nonNegative(ttl);
      return this;
    }

    /** How long to keep a failure; default 5 s; zero caches no failure. */
    public Builder negativeTtl(Duration ttl) {
      this.negativeTtl = nonNegative(ttl);
      return this;
    }

    /** The most entries (host and family pairs) to keep; default 10 000. */
    public Builder maximumSize(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("maximumSize < 1: " + entries);
      }
      this.maximumSize = entries;
      return this;
    }

    /** The time source in nanoseconds, as {@link System#nanoTime()}; for tests. */
    public Builder clock(LongSupplier nanoTime) {
      this.clock = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    public CachingResolver build() {
      return new CachingResolver(this);
    }

    private static Duration nonNegative(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("ttl < 0: " + ttl);
      }
      return ttl;
    }
  }
}

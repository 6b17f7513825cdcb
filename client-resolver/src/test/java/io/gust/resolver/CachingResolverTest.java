package io.gust.resolver;

import static io.gust.resolver.DnsPackets.A;
import static io.gust.resolver.DnsPackets.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CachingResolverTest {
  private final EventLoop loop = EventLoop.create();
  private final EventLoop otherLoop = EventLoop.create();
  private final AtomicLong nowNanos = new AtomicLong(1_000);
  private final Counting delegate = new Counting();

  @AfterEach
  void closeLoops() {
    loop.close();
    otherLoop.close();
  }

  @Test
  void hitWithinTheDefaultTtlSharesOneCompletedFutureAndExpiresWithTheClock() throws Exception {
    CachingResolver cache = builder().defaultTtl(Duration.ofSeconds(60)).build();
    List<InetSocketAddress> first = resolve(cache, "a.test", 80);
    assertEquals(List.of(DnsResolverTest.address("192.0.2.1", 80)), first);
    CompletableFuture<List<InetSocketAddress>> hit =
        cache.resolve(loop, "A.TEST", 80, AddressFamily.ANY);
    assertTrue(hit.isDone());
    assertSame(hit, cache.resolve(loop, "a.test", 80, AddressFamily.ANY));
    assertThrows(UnsupportedOperationException.class, () -> hit.obtrudeValue(List.of()));
    assertEquals(1, delegate.calls("a.test"));
    assertCallsAfter(Duration.ofSeconds(59), cache, "a.test", 1);
    assertCallsAfter(Duration.ofSeconds(2), cache, "a.test", 2);
  }

  @Test
  void portsAndCaseShareOneEntryButFamiliesDoNot() throws Exception {
    CachingResolver cache = builder().build();
    assertEquals(List.of(DnsResolverTest.address("192.0.2.1", 443)), resolve(cache, "b.test", 443));
    assertEquals(List.of(DnsResolverTest.address("192.0.2.1", 8080)), resolve(cache, "B.test", 8080));
    assertEquals(1, delegate.calls("b.test"));
    Loops.await(loop, () -> cache.resolve(loop, "b.test", 80, AddressFamily.IPV4));
    assertEquals(2, delegate.calls("b.test"));
  }

  @Test
  void ttlReportedByTheResolverWinsOverTheDefault() throws Exception {
    delegate.ttlSeconds = 5;
    CachingResolver cache = builder().defaultTtl(Duration.ofHours(1)).build();
    resolve(cache, "c.test", 80);
    assertCallsAfter(Duration.ofSeconds(4), cache, "c.test", 1);
    assertCallsAfter(Duration.ofSeconds(2), cache, "c.test", 2);
  }

  @Test
  void failuresAreCachedForTheNegativeTtlOnly() throws Exception {
    CachingResolver cache = builder().negativeTtl(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 3; i++) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> resolve(cache, "missing.test", 80));
      assertInstanceOf(HostNotFoundException.class, e.getCause());
    }
    assertEquals(1, delegate.calls("missing.test"));
    advance(Duration.ofSeconds(6));
    assertThrows(ExecutionException.class, () -> resolve(cache, "missing.test", 80));
    assertEquals(2, delegate.calls("missing.test"));
  }

  @Test
  void rejectionsAreNotCached() throws Exception {
    CachingResolver cache = builder().build();
    assertThrows(ExecutionException.class, () -> resolve(cache, "rejected.test", 80));
    assertThrows(ExecutionException.class, () -> resolve(cache, "rejected.test", 80));
    assertEquals(2, delegate.calls("rejected.test"));
  }

  @Test
  void concurrentLookupsFromTwoLoopsShareOneQueryAndCompleteOnTheirOwnLoops() throws Exception {
    delegate.hold = true;
    CachingResolver cache = builder().build();
    CompletableFuture<String> firstThread = new CompletableFuture<>();
    CompletableFuture<String> secondThread = new CompletableFuture<>();
    CompletableFuture<List<InetSocketAddress>> first = Loops.onLoop(loop, () -> cache
        .resolve(loop, "shared.test", 80, AddressFamily.ANY)
        .whenComplete((r, e) -> firstThread.complete(Thread.currentThread().getName())));
    CompletableFuture<List<InetSocketAddress>> second = Loops.onLoop(otherLoop, () -> cache
        .resolve(otherLoop, "shared.test", 443, AddressFamily.ANY)
        .whenComplete((r, e) -> secondThread.complete(Thread.currentThread().getName())));
    CompletableFuture<List<InetSocketAddress>> held = delegate.held.get(5, TimeUnit.SECONDS);
    CompletableFuture<List<InetSocketAddress>> third = Loops.onLoop(otherLoop,
        () -> cache.resolve(otherLoop, "SHARED.test", 80, AddressFamily.ANY));
    assertEquals(1, delegate.calls("shared.test"));
    loop.execute(() -> held.complete(List.of(DnsResolverTest.address("192.0.2.1", 80))));
    assertEquals(List.of(DnsResolverTest.address("192.0.2.1", 80)), first.get(5, TimeUnit.SECONDS));
    assertEquals(List.of(DnsResolverTest.address("192.0.2.1", 443)), second.get(5, TimeUnit.SECONDS));
    assertEquals(loop.name(), firstThread.get(5, TimeUnit.SECONDS));
    assertEquals(otherLoop.name(), secondThread.get(5, TimeUnit.SECONDS));
    assertEquals(first.get(), third.get(5, TimeUnit.SECONDS));
    assertEquals(1, delegate.calls("shared.test"));
  }

  @Test
  void sizeBoundEvictsTheLeastRecentlyUsed() throws Exception {
    CachingResolver cache = builder().maximumSize(3).build();
    for (String host : List.of("h1.test", "h2.test", "h3.test")) {
      resolve(cache, host, 80);
      advance(Duration.ofMillis(10));
    }
    resolve(cache, "h1.test", 80);
    advance(Duration.ofMillis(10));
    resolve(cache, "h4.test", 80);
    resolve(cache, "h5.test", 80);
    assertTrue(cache.size() <= 3, "size " + cache.size());
    resolve(cache, "h1.test", 80);
    assertEquals(1, delegate.calls("h1.test"), "the most recently used stays");
    resolve(cache, "h2.test", 80);
    assertEquals(2, delegate.calls("h2.test"), "the least recently used went");
  }

  @Test
  void closeEmptiesTheCacheClosesTheDelegateAndRejectsLaterLookups() throws Exception {
    CachingResolver cache = builder().build();
    resolve(cache, "a.test", 80);
    cache.close();
    assertTrue(delegate.closed);
    assertEquals(0, cache.size());
    assertInstanceOf(ResolverRejectedException.class,
        assertThrows(ExecutionException.class, () -> resolve(cache, "a.test", 80)).getCause());
  }

  @Test
  void dnsTtlFromTheScriptedServerDrivesExpiry() throws Exception {
    try (ScriptedDnsServer server = ScriptedDnsServer.start(q -> ScriptedDnsServer.Reply.now(
            q.type() == A ? reply(q).a(q.name(), 30, "192.0.2.77").bytes() : reply(q).bytes()));
        CachingResolver cache = CachingResolver.builder(DnsResolver.builder()
                .resolvConf(java.nio.file.Path.of("/nonexistent/resolv.conf")).hostsFile(null)
                .nameserver(server.nameserver()).attemptTimeout(Duration.ofSeconds(2)).build())
            .defaultTtl(Duration.ofHours(1)).clock(nowNanos::get).build()) {
      for (int i = 0; i < 3; i++) {
        assertEquals(List.of(DnsResolverTest.address("192.0.2.77", 80)),
            Loops.await(loop, () -> cache.resolve(loop, "ttl.test", 80, AddressFamily.IPV4)));
      }
      assertEquals(1, server.questions().size());
      advance(Duration.ofSeconds(31));
      Loops.await(loop, () -> cache.resolve(loop, "ttl.test", 80, AddressFamily.IPV4));
      assertEquals(2, server.questions().size());
    }
  }

  private CachingResolver.Builder builder() {
    return CachingResolver.builder(delegate).clock(nowNanos::get);
  }

  private List<InetSocketAddress> resolve(CachingResolver cache, String host, int port)
      throws Exception {
    return Loops.await(loop, () -> cache.resolve(loop, host, port, AddressFamily.ANY));
  }

  /** Lets {@code time} pass, looks {@code host} up, and checks how often the delegate was asked. */
  private void assertCallsAfter(Duration time, CachingResolver cache, String host, int calls)
      throws Exception {
    advance(time);
    resolve(cache, host, 80);
    assertEquals(calls, delegate.calls(host));
  }

  private void advance(Duration duration) {
    nowNanos.addAndGet(duration.toNanos());
  }

  /** Answers 192.0.2.1 for any name, fails "missing" and "rejected" names; counts every call. */
  private static final class Counting implements Resolver {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final CompletableFuture<CompletableFuture<List<InetSocketAddress>>> held =
        new CompletableFuture<>();
    volatile boolean hold;
    volatile long ttlSeconds = ResolvedAddresses.UNKNOWN_TTL;
    volatile boolean closed;

    @Override
    public CompletableFuture<List<InetSocketAddress>> resolve(
        EventLoop loop, String host, int port, AddressFamily family) {
      calls.computeIfAbsent(host.toLowerCase(java.util.Locale.ROOT), h -> new AtomicInteger())
          .incrementAndGet();
      if (hold) {
        CompletableFuture<List<InetSocketAddress>> later = new CompletableFuture<>();
        held.complete(later);
        return later;
      }
      if (host.startsWith("missing")) {
        return CompletableFuture.failedFuture(new HostNotFoundException(host, "no such name"));
      }
      if (host.startsWith("rejected")) {
        return CompletableFuture.failedFuture(new ResolverRejectedException(host, "queue full"));
      }
      return CompletableFuture.completedFuture(ResolvedAddresses.of(
          List.of(DnsResolverTest.address("192.0.2.1", 0).getAddress()), port, ttlSeconds));
    }

    int calls(String host) {
      AtomicInteger count = calls.get(host);
      return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}

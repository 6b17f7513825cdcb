package io.gust.resolver;

import static io.gust.resolver.DnsPackets.A;
import static io.gust.resolver.DnsPackets.AAAA;
import static io.gust.resolver.DnsPackets.reply;
import static io.gust.resolver.ScriptedDnsServer.Reply.after;
import static io.gust.resolver.ScriptedDnsServer.Reply.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.client.BlockingResolver;
import io.gust.client.HttpClientException;
import io.gust.client.HttpResponse;
import io.gust.client.Phase;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resolver through the client against the companion server: the fetch works, {@code
 * timings().dns()} reports the lookup (and zero on a reused connection), and Happy Eyeballs gets
 * past an IPv6 address where nothing listens, at the connect stage and at the DNS stage.
 */
@Timeout(30)
class ResolversEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private final TestServer server = TestServer.start();
  private ScriptedDnsServer dns;

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    if (dns != null) {
      dns.close();
    }
  }

  private AsyncHttpClient client(Resolver resolver) {
    return leaks.track(AsyncHttpClient.builder().resolver(resolver).build());
  }

  private String url(String host, String path) {
    return "http://" + host + ":" + server.port() + path;
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  /** Fetches twice over one connection: DNS is timed on the first and zero on the second. */
  private void assertDnsTimedThenReused(AsyncHttpClient client, String host) throws Exception {
    HttpResponse first = await(client.fetch(url(host, "/get")));
    assertEquals("get\n", first.bodyString());
    assertTrue(first.timings().dns().toNanos() > 0, first.timings().toString());
    HttpResponse second = await(client.fetch(url(host, "/get")));
    assertTrue(second.isConnectionReused());
    assertEquals(Duration.ZERO, second.timings().dns());
  }

  private static OverrideResolver overrides(String host, String... addresses) throws Exception {
    List<InetAddress> parsed = new ArrayList<>();
    for (String address : addresses) {
      parsed.add(InetAddress.getByName(address));
    }
    return OverrideResolver.builder().override(host, parsed).build(new BlockingResolver());
  }

  private DnsResolver dnsResolver(ScriptedDnsServer.Script script) throws Exception {
    dns = ScriptedDnsServer.start(script);
    return DnsResolver.builder().resolvConf(dir.resolve("absent-resolv.conf")).hostsFile(null)
        .nameserver(dns.nameserver()).attemptTimeout(Duration.ofSeconds(2)).attempts(1).build();
  }

  @Test
  void blockingResolverReportsTheDnsPhase() throws Exception {
    try (Resolver resolver = new BlockingResolver()) {
      assertDnsTimedThenReused(client(resolver), "127.0.0.1");
    }
  }

  @Test
  void threadedResolverReportsTheDnsPhase() throws Exception {
    try (ThreadedResolver resolver = new ThreadedResolver(2)) {
      assertDnsTimedThenReused(client(resolver), "localhost");
    }
  }

  @Test
  void threadedResolverResultsReachTheClientOnItsLoop() throws Exception {
    ThreadedResolver.BlockingLookup lookup = host -> {
      if (!host.equals("app.test")) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getLoopbackAddress()};
    };
    try (EventLoop loop = EventLoop.create();
        ThreadedResolver resolver = new ThreadedResolver(1, 8, lookup)) {
      AsyncHttpClient client = leaks.track(
          AsyncHttpClient.builder().loop(loop).resolver(resolver).build());
      CompletableFuture<HttpResponse> found = client.fetch(url("app.test", "/get"));
      CompletableFuture<EventLoop> foundOn = found.handle((r, e) -> EventLoop.current());
      CompletableFuture<HttpResponse> missing = client.fetch(url("missing.test", "/get"));
      CompletableFuture<EventLoop> missingOn = missing.handle((r, e) -> EventLoop.current());
      // Await the stages first: a thread waiting in a fetch's get() may run its dependents.
      assertSame(loop, foundOn.get(5, TimeUnit.SECONDS));
      assertSame(loop, missingOn.get(5, TimeUnit.SECONDS));
      assertEquals("get\n", await(found).bodyString());
      ExecutionException failed = assertThrows(ExecutionException.class, () -> await(missing));
      assertEquals(Phase.DNS, ((HttpClientException) failed.getCause()).phase());
      client.close();
    }
  }

  @Test
  void overrideResolverMakesUpAName() throws Exception {
    try (OverrideResolver resolver = overrides("app.test", "127.0.0.1")) {
      assertDnsTimedThenReused(client(resolver), "app.test");
    }
  }

  @Test
  void cachingResolverOverDnsResolverAsksOnceForTwoConnections() throws Exception {
    try (CachingResolver resolver = new CachingResolver(dnsResolver(q -> now(q.type() == A
        ? reply(q).a(q.name(), 300, "127.0.0.1").bytes() : reply(q).bytes())))) {
      AsyncHttpClient first = client(resolver);
      AsyncHttpClient second = client(resolver);
      assertDnsTimedThenReused(first, "svc.test");
      assertEquals("get\n", await(second.fetch(url("svc.test", "/get"))).bodyString());
      assertEquals(1, dns.count(A), "the second connection's lookup came from the cache");
    }
  }

  @Test
  void happyEyeballsPassesAnIpv6AddressWhereNothingListens() throws Exception {
    try (OverrideResolver resolver = overrides("dual.test", "::1", "127.0.0.1")) {
      long start = System.nanoTime();
      HttpResponse response = await(client(resolver).fetch(url("dual.test", "/get")));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(200, response.code());
      assertTrue(millis < 2_000, "took " + millis + " ms");
    }
  }

  @Test
  void happyEyeballsDoesNotWaitForASlowAaaaAnswer() throws Exception {
    try (DnsResolver resolver = dnsResolver(q -> q.type() == AAAA
        ? after(1_500, reply(q).aaaa(q.name(), 60, "::1").bytes())
        : now(reply(q).a(q.name(), 60, "127.0.0.1").bytes()))) {
      HttpResponse response = await(client(resolver).fetch(url("slow6.test", "/get")));
      assertEquals(200, response.code());
      assertTrue(response.timings().dns().toMillis() < 1_000, response.timings().toString());
    }
  }
}

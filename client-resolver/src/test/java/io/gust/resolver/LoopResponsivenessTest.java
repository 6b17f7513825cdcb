package io.gust.resolver;

import static io.gust.resolver.DnsPackets.A;
import static io.gust.resolver.DnsPackets.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import io.gust.testing.LogCapture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With lookups that take 500 ms, a timer due 20 ms later on the same loop still fires on time
 * and the watchdog stays silent. (BlockingResolverTest in client-core shows the opposite.)
 */
@Timeout(20)
class LoopResponsivenessTest {
  private static final long LOOKUP_MILLIS = 500;
  private LogCapture logged;
  private final EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(100)).build();

  @BeforeEach
  void captureLogs() {
    logged = LogCapture.of(EventLoop.class);
  }

  @AfterEach
  void releaseLogs() {
    loop.close();
    logged.close();
  }

  @Test
  void threadedResolverDoesNotDelayTheLoop() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (ThreadedResolver resolver = new ThreadedResolver(2, 8, host -> {
      // Plays a system resolver waiting on a slow name server.
      try {
        never.await(LOOKUP_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new InetAddress[] {InetAddress.getByName("192.0.2.1")};
    })) {
      assertTimerOnTime(resolver);
    }
  }

  @Test
  void dnsResolverDoesNotDelayTheLoop() throws Exception {
    try (ScriptedDnsServer server = ScriptedDnsServer.start(q -> ScriptedDnsServer.Reply.after(
            LOOKUP_MILLIS, q.type() == A ? reply(q).a(q.name(), 60, "192.0.2.1").bytes()
                : reply(q).bytes()));
        DnsResolver resolver = DnsResolver.builder().resolvConf(Path.of("/nonexistent"))
            .hostsFile(null).nameserver(server.nameserver())
            .attemptTimeout(Duration.ofSeconds(3)).build()) {
      assertTimerOnTime(resolver);
    }
  }

  private void assertTimerOnTime(Resolver resolver) throws Exception {
    CompletableFuture<Long> timerLateMillis = new CompletableFuture<>();
    CompletableFuture<Long> lookupMillis = new CompletableFuture<>();
    CompletableFuture<List<InetSocketAddress>> resolved = new CompletableFuture<>();
    loop.execute(() -> {
      long start = System.nanoTime();
      loop.schedule(Duration.ofMillis(20), () -> timerLateMillis.complete(
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) - 20));
      resolver.resolve(loop, "slow.test", 80, AddressFamily.IPV4).whenComplete((r, e) -> {
        lookupMillis.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        resolved.complete(r);
      });
    });
    assertEquals(1, resolved.get(5, TimeUnit.SECONDS).size());
    assertTrue(lookupMillis.get() >= LOOKUP_MILLIS - 10, "lookup took " + lookupMillis.get());
    long late = timerLateMillis.get(5, TimeUnit.SECONDS);
    assertTrue(late < 150, "timer " + late + " ms late");
    List<ILoggingEvent> warnings = logged.events().stream()
        .filter(e -> e.getLevel() == Level.WARN).toList();
    assertTrue(warnings.isEmpty(), warnings.toString());
  }
}

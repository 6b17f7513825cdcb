package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gust.loop.EventLoop;
import io.gust.testing.LogCapture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class BlockingResolverTest {
  private LogCapture logged;
  private final AtomicInteger lookups = new AtomicInteger();

  @BeforeEach
  void captureLogs() {
    logged = LogCapture.of(EventLoop.class);
  }

  @AfterEach
  void releaseLogs() {
    logged.close();
  }

  @Test
  void slowLookupDelaysAnUnrelatedTimerAndTheWatchdogNamesTheResolver() throws Exception {
    BlockingResolver resolver = new BlockingResolver(host -> {
      lookups.incrementAndGet();
      // Plays a system resolver waiting 500 ms on a slow name server.
      sleepUninterruptibly(500);
      return new InetAddress[] {InetAddress.getByName("192.0.2.1")};
    });
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(100)).build()) {
      CompletableFuture<Long> timerLateMillis = new CompletableFuture<>();
      CompletableFuture<List<InetSocketAddress>> resolved = new CompletableFuture<>();
      loop.execute(() -> {
        long scheduledAt = System.nanoTime();
        loop.schedule(Duration.ofMillis(20), () -> timerLateMillis.complete(
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scheduledAt) - 20));
        loop.execute(() -> resolver.resolve(loop, "slow.test", 80).whenComplete((r, e) -> {
          if (e != null) {
            resolved.completeExceptionally(e);
          } else {
            resolved.complete(r);
          }
        }));
      });
      assertEquals(1, resolved.get(5, TimeUnit.SECONDS).size());
      long late = timerLateMillis.get(5, TimeUnit.SECONDS);
      assertTrue(late >= 300, "timer only " + late + " ms late");
    }
    List<ILoggingEvent> warnings = logged.events().stream()
        .filter(e -> e.getLevel() == Level.WARN).toList();
    assertEquals(1, warnings.size(), warnings.toString());
    String stack = Arrays.toString(warnings.get(0).getThrowableProxy().getStackTraceElementProxyArray());
    assertTrue(stack.contains("BlockingResolver"), stack);
  }

  @Test
  void literalsAndLocalhostNeverReachTheSystemResolver() throws Exception {
    BlockingResolver resolver = new BlockingResolver(host -> {
      lookups.incrementAndGet();
      throw new UnknownHostException(host);
    });
    try (EventLoop loop = EventLoop.create()) {
      assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 80)),
          resolver.resolve(loop, "localhost", 80, AddressFamily.IPV6).get(5, TimeUnit.SECONDS));
      assertEquals(1, resolver.resolve(loop, "[2001:db8::1]", 80).get(5, TimeUnit.SECONDS).size());
      assertEquals(1, resolver.resolve(loop, "192.0.2.1", 80).get(5, TimeUnit.SECONDS).size());
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> resolver.resolve(loop, "192.0.2.1", 80, AddressFamily.IPV6).get(5, TimeUnit.SECONDS));
      assertInstanceOf(UnknownHostException.class, e.getCause());
    }
    assertEquals(0, lookups.get());
  }

  @Test
  void familyFiltersTheSystemAnswerAndFailuresStayUnknownHost() throws Exception {
    BlockingResolver resolver = new BlockingResolver(host -> {
      if (host.equals("dual.test")) {
        return new InetAddress[] {InetAddress.getByName("192.0.2.1"),
            InetAddress.getByName("2001:db8::1")};
      }
      throw new IllegalStateException("resolver bug");
    });
    try (EventLoop loop = EventLoop.create()) {
      assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 443)),
          resolver.resolve(loop, "dual.test", 443, AddressFamily.IPV6).get(5, TimeUnit.SECONDS));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> resolver.resolve(loop, "odd.test", 80).get(5, TimeUnit.SECONDS));
      assertInstanceOf(UnknownHostException.class, e.getCause());
      assertInstanceOf(IllegalStateException.class, e.getCause().getCause());
    }
  }

  private static void sleepUninterruptibly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

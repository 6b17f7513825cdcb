package io.gust.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AddressFamily;
import io.gust.loop.EventLoop;
import io.gust.testing.Eventually;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ThreadedResolverTest {
  private final EventLoop loop = EventLoop.create();
  private final EventLoop otherLoop = EventLoop.create();
  private final Set<String> lookupThreads = ConcurrentHashMap.newKeySet();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger lookups = new AtomicInteger();

  @AfterEach
  void closeLoops() {
    gate.countDown();
    loop.close();
    otherLoop.close();
  }

  @Test
  void lookupRunsOnAResolverThreadAndCompletesOnTheCallersLoop() throws Exception {
    try (ThreadedResolver resolver = new ThreadedResolver(2, 8, this::scripted)) {
      for (EventLoop caller : List.of(loop, otherLoop)) {
        CompletableFuture<String> completedOn = new CompletableFuture<>();
        List<InetSocketAddress> addresses = Loops.await(caller, () -> resolver
            .resolve(caller, "dual.test", 443, AddressFamily.ANY)
            .whenComplete((r, e) -> completedOn.complete(Thread.currentThread().getName())));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 443),
            new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 443)), addresses);
        assertEquals(caller.name(), completedOn.get(5, TimeUnit.SECONDS));
      }
      assertTrue(lookupThreads.stream().allMatch(name -> name.matches("gust-resolver-\\d+")),
          lookupThreads.toString());
    }
  }

  @Test
  void familyFiltersTheSystemAnswer() throws Exception {
    try (ThreadedResolver resolver = new ThreadedResolver(1, 8, this::scripted)) {
      assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 80)),
          Loops.await(loop, () -> resolver.resolve(loop, "dual.test", 80, AddressFamily.IPV6)));
      ExecutionException e = assertThrows(ExecutionException.class, () -> Loops.await(loop,
          () -> resolver.resolve(loop, "v4only.test", 80, AddressFamily.IPV6)));
      assertInstanceOf(HostNotFoundException.class, e.getCause());
    }
  }

  @Test
  void systemFailureIsPassedOn() throws Exception {
    try (ThreadedResolver resolver = new ThreadedResolver(1, 8, this::scripted)) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> Loops.await(loop, () -> resolver.resolve(loop, "missing.test", 80)));
      assertEquals("missing.test: scripted failure", e.getCause().getMessage());
    }
  }

  @Test
  void literalsAndLocalhostNeverReachThePool() throws Exception {
    try (ThreadedResolver resolver = new ThreadedResolver(1, 8, this::scripted)) {
      assertEquals(2, Loops.await(loop, () -> resolver.resolve(loop, "localhost", 80)).size());
      assertEquals(1, Loops.await(loop, () -> resolver.resolve(loop, "192.0.2.9", 80)).size());
      assertEquals(0, lookups.get());
    }
  }

  @Test
  void fullQueueRejectsAtOnceWithATypedError() throws Exception {
    try (ThreadedResolver resolver = new ThreadedResolver(1, 2, this::gated)) {
      CompletableFuture<List<InetSocketAddress>> running = Loops.onLoop(loop,
          () -> resolver.resolve(loop, "a.test", 80));
      List<CompletableFuture<List<InetSocketAddress>>> queued = List.of(
          Loops.onLoop(loop, () -> resolver.resolve(loop, "b.test", 80)),
          Loops.onLoop(loop, () -> resolver.resolve(loop, "c.test", 80)));
      CompletableFuture<List<InetSocketAddress>> rejected = Loops.onLoop(loop,
          () -> resolver.resolve(loop, "d.test", 80));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> rejected.get(5, TimeUnit.SECONDS));
      assertInstanceOf(ResolverRejectedException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("queue full"), e.getCause().getMessage());
      gate.countDown();
      assertEquals(1, running.get(5, TimeUnit.SECONDS).size());
      for (CompletableFuture<List<InetSocketAddress>> waiting : queued) {
        assertEquals(1, waiting.get(5, TimeUnit.SECONDS).size());
      }
    }
  }

  @Test
  void closeFailsQueuedLookupsAndLaterOnes() throws Exception {
    ThreadedResolver resolver = new ThreadedResolver(1, 4, this::gated);
    CompletableFuture<List<InetSocketAddress>> running = Loops.onLoop(loop,
        () -> resolver.resolve(loop, "a.test", 80));
    CompletableFuture<List<InetSocketAddress>> queued = Loops.onLoop(loop,
        () -> resolver.resolve(loop, "b.test", 80));
    awaitQueued(resolver);
    resolver.close();
    assertInstanceOf(ResolverRejectedException.class,
        assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS)).getCause());
    assertInstanceOf(ResolverRejectedException.class, assertThrows(ExecutionException.class,
        () -> Loops.await(loop, () -> resolver.resolve(loop, "c.test", 80))).getCause());
    gate.countDown();
    running.handle((r, e) -> null).get(5, TimeUnit.SECONDS);
  }

  private static void awaitQueued(ThreadedResolver resolver) {
    Eventually.assertThat(Duration.ofSeconds(5), () -> "no lookup ever queued",
        () -> resolver.queued() > 0);
  }


  private InetAddress[] scripted(String host) throws UnknownHostException {
    lookups.incrementAndGet();
    lookupThreads.add(Thread.currentThread().getName());
    return switch (host) {
      case "dual.test" -> new InetAddress[] {InetAddress.getByName("192.0.2.1"),
          InetAddress.getByName("2001:db8::1")};
      case "v4only.test" -> new InetAddress[] {InetAddress.getByName("192.0.2.2")};
      default -> throw new UnknownHostException(host + ": scripted failure");
    };
  }

  private InetAddress[] gated(String host) throws UnknownHostException {
    try {
      if (!gate.await(10, TimeUnit.SECONDS)) {
        throw new UnknownHostException(host + ": gate never opened");
      }
    } catch (InterruptedException e) {
      throw new UnknownHostException(host + ": interrupted");
    }
    return new InetAddress[] {InetAddress.getByName("192.0.2.3")};
  }
}

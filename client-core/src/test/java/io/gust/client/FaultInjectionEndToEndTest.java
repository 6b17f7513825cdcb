package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.server.TestServer;
import io.gust.testing.Eventually;
import io.gust.testing.Fault;
import io.gust.testing.FaultProxy;
import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of fetches through a {@link FaultProxy} that gives every connection a random fault
 * (delay, drop, reset, stall, truncate, split writes, corrupt one byte, or none) on the way to the
 * companion server: GETs of {@code /bytes/{n}}, a quarter of them POSTs of n bytes to {@code
 * /echo}, a third with {@code Connection: close}. Each fetch must end within its request timeout
 * (plus a scheduling grace) with the exact bytes expected or with a typed {@link
 * HttpClientException}; then the client's pool, the loop's timers, the process's sockets and its
 * threads must be back where they started.
 *
 * <p>Plain HTTP has no integrity check, so a flipped bit in a body byte (or in a digit of the
 * path) yields a complete response with the wrong bytes. The test counts those as undetectable
 * corruptions and allows at most one per connection that the plan gave a CORRUPT fault; with no
 * CORRUPT fault a single wrong byte fails it. The same run over HTTPS (half as many fetches, as
 * handshakes are dear) allows none: TLS must turn every flipped bit into a typed failure.
 *
 * <p>The seed is printed; repeat a run with {@code -Dgust.faults.seed=N}, and size it with {@code
 * -Dgust.faults.fetches=N}.
 */
@Timeout(120)
class FaultInjectionEndToEndTest {
  private static final long SEED = Long.getLong("gust.faults.seed", 0x6057_2026L);
  private static final int FETCHES = Integer.getInteger("gust.faults.fetches", 2_000);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1_000);
  /**
   * Lateness allowed past the request timeout: room for a loaded two-core machine to starve the
   * loop for a moment, far below the 10 s connect timeout or anything else that could end a fetch
   * whose request timeout failed to fire.
   */
  private static final Duration GRACE = Duration.ofMillis(3_000);
  private static final int IN_FLIGHT = 32;
  private static final int MAX_BODY = 1_500;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  @ParameterizedTest
  @ValueSource(strings = {"http", "https"})
  void everyFetchThroughRandomFaultsEndsInTimeWithTheRightBytesOrATypedError(String scheme)
      throws Exception {
    boolean https = scheme.equals("https");
    EventLoop loop = EventLoop.builder().name("gust-loop-faults").build();
    try (TestServer server = https ? TestServer.start(builder -> builder.tls(
        TlsCertificates.serverContext(TlsCertificates.SERVER))) : TestServer.start()) {
      int pendingTimers = onLoop(loop).get(5, TimeUnit.SECONDS);
      int channels = LeakCheck.channelCount();
      int threads = threadCount();
      AtomicInteger corruptPlanned = new AtomicInteger();
      Map<String, Integer> outcomes;
      try (FaultProxy proxy = FaultProxy.start(
          new InetSocketAddress("127.0.0.1", server.port()),
          countingCorrupt(https ? 4_000 : 400, corruptPlanned))) {
        AsyncHttpClient client = leaks.track(client(loop, https));
        int fetches = https ? FETCHES / 2 : FETCHES;
        outcomes = fetchAll(client, scheme + "://127.0.0.1:" + proxy.port(), fetches);
        System.out.println("Fault injection over " + scheme + ", seed " + SEED + ": " + fetches
            + " fetches over " + proxy.connectionCount() + " connections, "
            + proxy.faultsStruck() + " faults struck, " + corruptPlanned.get()
            + " CORRUPT planned; outcomes " + outcomes);
        PoolSnapshot pool = client.poolSnapshot().get(5, TimeUnit.SECONDS);
        assertEquals(0, pool.busy(), pool::toString);
        assertEquals(0, pool.queued(), pool::toString);
        // An HTTP/2 connection whose stream timed out PINGs the server: that deadline may pend.
        Eventually.noComplaint(Duration.ofSeconds(15), () -> {
          int idle = client.poolSnapshot().get(5, TimeUnit.SECONDS).idle();
          int timers = onLoop(loop).get(5, TimeUnit.SECONDS);
          return timers == pendingTimers + idle ? null
              : timers + " timers beside one idle timeout per idle connection (" + idle + ")";
        });
        client.close();
      }
      int wrong = outcomes.getOrDefault("wrong bytes", 0);
      assertTrue(wrong <= (https ? 0 : corruptPlanned.get()), "undetected corruptions: " + wrong);
      assertTrue(outcomes.getOrDefault("ok", 0) > FETCHES / 8, outcomes::toString);
      assertEquals(pendingTimers, (int) onLoop(loop).get(5, TimeUnit.SECONDS), "pending timers");
      LeakCheck.awaitChannelsAtMost(channels, Duration.ofSeconds(10));
      awaitThreadsAtMost(threads, Duration.ofSeconds(10));
    } finally {
      loop.close();
    }
  }

  /**
   * The seeded random plan, counting the CORRUPT faults it hands out. Offsets reach past the
   * first exchange: about 400 bytes in plain HTTP, a few thousand with a TLS handshake first.
   */
  private static IntFunction<Fault> countingCorrupt(long maxOffset, AtomicInteger corruptPlanned) {
    IntFunction<Fault> random = Fault.randomPlan(SEED, maxOffset, Duration.ofMillis(100));
    return index -> {
      Fault fault = random.apply(index);
      if (fault.kind() == Fault.Kind.CORRUPT) {
        corruptPlanned.incrementAndGet();
      }
      return fault;
    };
  }

  private static AsyncHttpClient client(EventLoop loop, boolean https) {
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder().loop(loop)
        .maxConnections(16).requestTimeout(REQUEST_TIMEOUT);
    if (https) {
      builder.sslContext(TlsCertificates.clientContext());
    }
    return builder.build();
  }

  /** Runs the fetches, at most {@link #IN_FLIGHT} at once, and counts them by outcome. */
  private static Map<String, Integer> fetchAll(AsyncHttpClient client, String base, int fetches)
      throws InterruptedException {
    ConcurrentMap<String, Integer> outcomes = new ConcurrentHashMap<>();
    AtomicLong slowestNanos = new AtomicLong();
    List<String> late = java.util.Collections.synchronizedList(new ArrayList<>());
    Semaphore window = new Semaphore(IN_FLIGHT);
    for (int i = 0; i < fetches; i++) {
      int size = (int) ((i * 7919L + SEED) % MAX_BODY & 0x7fffffff);
      boolean post = i % 4 == 1;
      HttpRequest request = request(base, size, post, i % 3 == 0);
      window.acquire();
      long startNanos = System.nanoTime();
      client.fetch(request).whenComplete((response, error) -> {
        long tookNanos = System.nanoTime() - startNanos;
        slowestNanos.accumulateAndGet(tookNanos, Math::max);
        if (tookNanos > REQUEST_TIMEOUT.plus(GRACE).toNanos()) {
          late.add(outcome(response, error, size, post) + " after " + tookNanos / 1_000_000
              + " ms");
        }
        outcomes.merge(outcome(response, error, size, post), 1, Integer::sum);
        window.release();
      });
    }
    assertTrue(window.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS), "fetches still running");
    System.out.println("Slowest fetch: " + slowestNanos.get() / 1_000_000 + " ms");
    assertEquals(List.of(), late, "fetches that outlived their request timeout");
    Map<String, Integer> sorted = new TreeMap<>(outcomes);
    assertTrue(sorted.keySet().stream().noneMatch(key -> key.startsWith("untyped")),
        sorted::toString);
    return sorted;
  }

  private static HttpRequest request(String base, int size, boolean post, boolean close) {
    HttpRequest.Builder request = post
        ? HttpRequest.newBuilder(base + "/echo").post(RequestBody.of(expected(size).toByteArray()))
        : HttpRequest.newBuilder(base + "/bytes/" + size);
    if (close) {
      request.header("Connection", "close");
    }
    return request.build();
  }

  private static String outcome(HttpResponse response, Throwable error, int size, boolean post) {
    if (error != null) {
      Throwable cause = error instanceof java.util.concurrent.CompletionException
          || error instanceof ExecutionException ? error.getCause() : error;
      if (cause instanceof HttpClientException typed) {
        return typed.getClass().getSimpleName() + " in " + typed.phase();
      }
      return "untyped " + cause;
    }
    ByteString body = response.body();
    boolean right = post
        ? body.startsWith(ByteString.encodeUtf8("POST /echo " + response.protocol() + "\r\n"))
            && body.endsWith(expected(size))
        : body.equals(expected(size));
    return response.code() == 200 && right ? "ok" : "wrong bytes";
  }

  private static ByteString expected(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i % 251);
    }
    return ByteString.of(bytes);
  }

  /** The loop's pending timers, read on the loop thread. */
  private static CompletableFuture<Integer> onLoop(EventLoop loop) {
    CompletableFuture<Integer> count = new CompletableFuture<>();
    loop.execute(() -> count.complete(loop.stats().pendingTimers()));
    return count;
  }

  /**
   * Live threads but the shared TLS task pool's: the JDK's SSLEngine tasks run there, process-wide,
   * on threads started on demand that stop only after a minute idle.
   */
  private static int threadCount() {
    int count = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!thread.getName().startsWith("gust-tls-")) {
        count++;
      }
    }
    return count;
  }

  private static void awaitThreadsAtMost(int expected, Duration within) {
    Eventually.assertThat(within, () -> "expected at most " + expected + " threads but "
        + Thread.getAllStackTraces().keySet(), () -> threadCount() <= expected);
  }

}

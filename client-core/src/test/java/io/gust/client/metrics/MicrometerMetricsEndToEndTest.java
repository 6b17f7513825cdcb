package io.gust.client.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.loop.EventLoop;
import io.gust.testing.Eventually;
import io.gust.testing.LeakCheck;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
class MicrometerMetricsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MockWebServer server = new MockWebServer();
  private MicrometerMetrics metrics;
  private AsyncHttpClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start(0);
    metrics = MicrometerMetrics.builder(registry)
        .uriTemplate(request -> request.uri().getPath().startsWith("/items/") ? "/items/{id}"
            : "none")
        .build();
    client = leaks.track(AsyncHttpClient.builder().eventListenerFactory(metrics).build());
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  /** Every http.client.requests timer as "tag=value,..." to its count. */
  private Map<String, Long> timers() {
    Map<String, Long> counts = new TreeMap<>();
    for (Timer timer : registry.find("http.client.requests").timers()) {
      Meter.Id id = timer.getId();
      counts.put("exception=" + id.getTag("exception") + ",method=" + id.getTag("method")
          + ",outcome=" + id.getTag("outcome") + ",status=" + id.getTag("status")
          + ",uri=" + id.getTag("uri"), timer.count());
    }
    return counts;
  }

  @Test
  void successfulCallsAreTimedByMethodStatusOutcomeAndTemplate() throws Exception {
    server.enqueue(new MockResponse.Builder().body("a").build());
    server.enqueue(new MockResponse.Builder().body("b").build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    await(client.fetch(url("/items/1")));
    await(client.fetch(url("/items/2?x=y")));
    await(client.fetch(url("/other")));
    assertEquals(Map.of(
        "exception=none,method=GET,outcome=SUCCESS,status=200,uri=/items/{id}", 2L,
        "exception=none,method=GET,outcome=SERVER_ERROR,status=503,uri=none", 1L), timers());
    Timer timer = registry.get("http.client.requests").tag("status", "200").timer();
    assertTrue(timer.totalTime(TimeUnit.NANOSECONDS) > 0);
  }

  @Test
  void aRedirectedCallIsOneCallWithTheFinalStatus() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/items/9").build());
    server.enqueue(new MockResponse.Builder().code(404).build());
    HttpResponse response = await(client.fetch(url("/items/8")));
    assertEquals(1, response.redirectCount());
    assertEquals(Map.of(
        "exception=none,method=GET,outcome=CLIENT_ERROR,status=404,uri=/items/{id}", 1L),
        timers());
  }

  @Test
  void failuresAndRaisedStatusesNameTheirException() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    assertThrows(Exception.class,
        () -> await(client.fetch("http://127.0.0.1:" + closedPort + "/items/3")));
    server.enqueue(new MockResponse.Builder().code(500).build());
    assertThrows(Exception.class, () -> await(client.fetch(
        HttpRequest.newBuilder(url("/x")).raiseError(true).build())));
    assertEquals(Map.of(
        "exception=HttpConnectException,method=GET,outcome=UNKNOWN,status=CLIENT_ERROR,"
            + "uri=/items/{id}", 1L,
        "exception=HttpStatusException,method=GET,outcome=SERVER_ERROR,status=500,uri=none", 1L),
        timers());
  }

  @Test
  void aCancelledCallIsTimedAsCancelledAndLeavesNoQueuedCount() throws Exception {
    AsyncHttpClient single = leaks.track(AsyncHttpClient.builder().maxConnections(1)
        .eventListenerFactory(metrics).build());
    try (single) {
      server.enqueue(new MockResponse.Builder().body("slow").headersDelay(2, TimeUnit.SECONDS)
          .build());
      CompletableFuture<HttpResponse> first = single.fetch(url("/items/1"));
      assertNotNull(server.takeRequest(5, TimeUnit.SECONDS));
      CompletableFuture<HttpResponse> second = single.fetch(url("/items/2"));
      PoolGauges pool = metrics.bindTo(single);
      Eventually.assertThat(Duration.ofSeconds(5), () -> registry.getMeters().toString(), () -> {
        pool.refresh().get(5, TimeUnit.SECONDS);
        return gauge("gust.client.pool.queued", origin()) == 1.0;
      });
      assertEquals(1.0, gauge("gust.client.pool.in.use", origin()));
      second.cancel(true);
      first.cancel(true);
      Eventually.assertThat(Duration.ofSeconds(5), () -> timers().toString(),
          () -> timers().size() == 1 && timers().values().iterator().next() == 2L);
      pool.refresh().get(5, TimeUnit.SECONDS);
      assertEquals(null, registry.find("gust.client.pool.queued").tag("origin", origin())
          .gauge());
    }
    assertEquals(Map.of("exception=RequestCancelledException,method=GET,outcome=UNKNOWN,"
        + "status=CLIENT_ERROR,uri=/items/{id}", 2L), timers());
  }

  @Test
  void poolGaugesShowIdleConnectionsPerOrigin() throws Exception {
    server.enqueue(new MockResponse.Builder().body("a").build());
    await(client.fetch(url("/")));
    PoolGauges pool = metrics.bindTo(client);
    pool.refresh().get(5, TimeUnit.SECONDS);
    assertEquals(1.0, gauge("gust.client.pool.open", origin()));
    assertEquals(1.0, gauge("gust.client.pool.idle", origin()));
    assertEquals(0.0, gauge("gust.client.pool.in.use", origin()));
    assertEquals(1.0, registry.get("gust.client.pool.origins").gauge().value());
  }

  @Test
  void loopGaugesCountTheWatchdogsBlockedEpisodes() throws Exception {
    try (EventLoop loop = EventLoop.builder().name("gust-loop-test")
        .watchdogThreshold(Duration.ofMillis(20)).blockedLoopListener((l, b, t, s) -> { })
        .build()) {
      metrics.bindLoop(loop);
      CountDownLatch ran = new CountDownLatch(1);
      loop.execute(() -> {
        holdTheLoop(Duration.ofMillis(300));
        ran.countDown();
      });
      assertTrue(ran.await(10, TimeUnit.SECONDS));
      Eventually.assertThat(Duration.ofSeconds(5), () -> loop.stats().toString(),
          () -> registry.get("gust.loop.blocked").tag("loop", "gust-loop-test")
              .functionCounter().count() == 1.0);
      // The lag probe's timing depends on the watchdog's samples: only its presence is pinned.
      assertTrue(registry.get("gust.loop.lag.max").tag("loop", "gust-loop-test").timeGauge()
          .value(TimeUnit.MILLISECONDS) >= 0);
      assertTrue(registry.get("gust.loop.task.longest").tag("loop", "gust-loop-test")
          .timeGauge().value(TimeUnit.MILLISECONDS) >= 300);
      assertTrue(registry.get("gust.loop.tasks").tag("loop", "gust-loop-test")
          .functionCounter().count() >= 1);
      assertNotNull(registry.get("gust.loop.lag").tag("loop", "gust-loop-test").timeGauge());
      assertNotNull(registry.get("gust.loop.timers.pending").tag("loop", "gust-loop-test")
          .gauge());
    }
  }

  /** Blocks the calling (loop) thread on purpose: the behaviour under test. */
  private static void holdTheLoop(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  private String origin() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  private double gauge(String name, String origin) {
    var gauge = registry.find(name).tag("origin", origin).gauge();
    return gauge == null ? -1 : gauge.value();
  }
}

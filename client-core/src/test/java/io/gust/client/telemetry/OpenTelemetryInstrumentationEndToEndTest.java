package io.gust.client.telemetry;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpClientException;
import io.gust.client.HttpResponse;
import io.gust.client.Resolver;
import io.gust.testing.TlsCertificates;
import io.gust.loop.BlockedLoopListener;
import io.gust.loop.EventLoop;
import io.gust.testing.Eventually;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class OpenTelemetryInstrumentationEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  private final OpenTelemetryInstrumentation instrumentation =
      OpenTelemetryInstrumentation.create(sdk);
  private final MockWebServer server = new MockWebServer();
  private ScriptedServer scripted;
  private AsyncHttpClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start(0);
    client = leaks.track(AsyncHttpClient.builder().eventListenerFactory(instrumentation).build());
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    server.close();
    if (scripted != null) {
      scripted.close();
    }
    sdk.close();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private HttpClientException failure(CompletableFuture<?> future) {
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(future));
    return assertInstanceOf(HttpClientException.class, error.getCause());
  }

  private List<SpanData> finishedSpans(int count) {
    Eventually.assertThat(Duration.ofSeconds(5), () -> spans.getFinishedSpanItems().toString(),
        () -> spans.getFinishedSpanItems().size() >= count);
    List<SpanData> finished = spans.getFinishedSpanItems();
    assertEquals(count, finished.size(), finished.toString());
    return finished;
  }

  @Test
  void oneClientSpanPerCallWithTheStableAttributesAndTraceparentSent() throws Exception {
    server.enqueue(new MockResponse.Builder().body("ok").build());
    Span parent = sdk.getTracer("test").spanBuilder("parent").startSpan();
    String url = "http://user:secret@127.0.0.1:" + server.getPort() + "/a?q=1";
    try (Scope ignored = parent.makeCurrent()) {
      await(client.fetch(url));
    } finally {
      parent.end();
    }
    SpanData span = spans.getFinishedSpanItems().get(0);
    assertEquals("GET", span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(Attributes.builder().put("http.request.method", "GET")
        .put("server.address", "127.0.0.1").put("server.port", (long) server.getPort())
        .put("url.full", "http://127.0.0.1:" + server.getPort() + "/a?q=1")
        .put("network.peer.address", "127.0.0.1").put("network.peer.port", (long) server.getPort())
        .put("http.response.status_code", 200L).build().asMap(), span.getAttributes().asMap());
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
        + span.getSpanContext().getTraceFlags().asHex(),
        recorded.getHeaders().get("traceparent"));
    MetricData duration = metric("http.client.request.duration");
    assertEquals("s", duration.getUnit());
    HistogramPointData point = duration.getHistogramData().getPoints().iterator().next();
    assertEquals(1, point.getCount());
    assertEquals(Attributes.builder().put("http.request.method", "GET")
        .put("server.address", "127.0.0.1").put("server.port", (long) server.getPort())
        .put("http.response.status_code", 200L).build(), point.getAttributes());
  }

  @Test
  void eachRedirectHopIsASpanWithItsResendCount() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/b").build());
    server.enqueue(new MockResponse.Builder().code(404).build());
    Span parent = sdk.getTracer("test").spanBuilder("parent").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      await(client.fetch(server.url("/a").toString()));
    } finally {
      parent.end();
    }
    List<SpanData> finished = finishedSpans(3).subList(0, 2);
    SpanData first = finished.get(0);
    SpanData second = finished.get(1);
    assertEquals(302L, first.getAttributes().get(AttemptSpans.STATUS_CODE));
    assertNull(first.getAttributes().get(AttemptSpans.RESEND_COUNT));
    assertNull(first.getAttributes().get(AttemptSpans.ERROR_TYPE));
    assertEquals(1L, second.getAttributes().get(AttemptSpans.RESEND_COUNT));
    assertEquals("404", second.getAttributes().get(AttemptSpans.ERROR_TYPE));
    assertEquals(StatusCode.ERROR, second.getStatus().getStatusCode());
    assertTrue(second.getAttributes().get(AttemptSpans.URL_FULL).endsWith("/b"));
    assertEquals(first.getTraceId(), second.getTraceId());
    assertEquals(parent.getSpanContext().getSpanId(), first.getParentSpanId());
    assertEquals(parent.getSpanContext().getSpanId(), second.getParentSpanId());
    RecordedRequest hop1 = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest hop2 = server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(hop1.getHeaders().get("traceparent").contains(first.getSpanId()));
    assertTrue(hop2.getHeaders().get("traceparent").contains(second.getSpanId()));
  }

  @Test
  void aRetryIsASpanAfterTheFailedAttempt() throws Exception {
    scripted = ScriptedServer.start(ScriptedServer::staleAfterFirstAnswer);
    await(client.fetch(scripted.url("/")));
    HttpResponse retried = await(client.fetch(scripted.url("/")));
    assertEquals(1, retried.retryCount());
    List<SpanData> finished = finishedSpans(3);
    SpanData failed = finished.get(1);
    SpanData retry = finished.get(2);
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertTrue(failed.getAttributes().get(AttemptSpans.ERROR_TYPE).startsWith("io.gust."),
        failed.toString());
    assertEquals(1L, retry.getAttributes().get(AttemptSpans.RESEND_COUNT));
    assertEquals(200L, retry.getAttributes().get(AttemptSpans.STATUS_CODE));
  }

  @Test
  void dnsFailureEndsTheSpanWithItsErrorType() throws Exception {
    Resolver failing = (loop, host, port, family) ->
        CompletableFuture.failedFuture(new UnknownHostException(host));
    try (AsyncHttpClient unresolved = leaks.track(AsyncHttpClient.builder().resolver(failing)
        .eventListenerFactory(instrumentation).build())) {
      HttpClientException error = failure(unresolved.fetch("http://nowhere.test/"));
      assertFailedSpan(error, "nowhere.test");
    }
  }

  @Test
  void connectFailureEndsTheSpanWithItsErrorType() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    assertFailedSpan(failure(client.fetch("http://127.0.0.1:" + closedPort + "/")), "127.0.0.1");
  }

  @Test
  void tlsFailureEndsTheSpanWithItsErrorType() throws Exception {
    MockWebServer tls = new MockWebServer();
    try (tls) {
      tls.useHttps(TlsCertificates.serverContext(TlsCertificates.SERVER).getSocketFactory());
      tls.start(0);
      assertFailedSpan(failure(client.fetch("https://localhost:" + tls.getPort() + "/")),
          "localhost");
    }
  }

  @Test
  void responseFailureEndsTheSpanWithItsStatusAndErrorType() throws Exception {
    scripted = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
    });
    SpanData span = assertFailedSpan(failure(client.fetch(scripted.url("/"))), "127.0.0.1");
    assertEquals(200L, span.getAttributes().get(AttemptSpans.STATUS_CODE));
  }

  @Test
  void cancellationEndsTheSpanWithAnEventSayingWhatItDid() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    scripted = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      release.await(10, TimeUnit.SECONDS);
    });
    CompletableFuture<HttpResponse> fetch = client.fetch(scripted.url("/"));
    Eventually.assertThat(Duration.ofSeconds(5), () -> "not accepted",
        () -> scripted.acceptedCount() == 1);
    fetch.cancel(true);
    SpanData span = finishedSpans(1).get(0);
    release.countDown();
    assertEquals("io.gust.client.RequestCancelledException",
        span.getAttributes().get(AttemptSpans.ERROR_TYPE));
    assertEquals("gust.cancelled", span.getEvents().get(0).getName());
    assertEquals("CONNECTION_CLOSED", span.getEvents().get(0).getAttributes()
        .get(io.opentelemetry.api.common.AttributeKey.stringKey("gust.cancel.effect")));
  }

  @Test
  void aBlockedLoopBecomesAnEventOnTheSpansInFlight() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    scripted = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      release.await(10, TimeUnit.SECONDS);
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    });
    BlockedLoopListener events = instrumentation.blockedLoopListener();
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(20))
        .blockedLoopListener(events).build();
        AsyncHttpClient onLoop = leaks.track(AsyncHttpClient.builder().loop(loop)
            .eventListenerFactory(instrumentation).build())) {
      CompletableFuture<HttpResponse> fetch = onLoop.fetch(scripted.url("/"));
      Eventually.assertThat(Duration.ofSeconds(5), () -> "not accepted",
          () -> scripted.acceptedCount() == 1);
      CountDownLatch held = new CountDownLatch(1);
      loop.execute(() -> {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
        held.countDown();
      });
      assertTrue(held.await(10, TimeUnit.SECONDS));
      Eventually.assertThat(Duration.ofSeconds(5), () -> loop.stats().toString(),
          () -> loop.stats().blockedEpisodes() == 1);
      release.countDown();
      await(fetch);
    }
    SpanData span = finishedSpans(1).get(0);
    assertEquals("gust.loop.blocked", span.getEvents().get(0).getName(), span.toString());
    assertTrue(span.getEvents().get(0).getAttributes()
        .get(OpenTelemetryInstrumentation.BLOCKED_SECONDS) >= 0.02);
  }

  /** The one span ended with the error's class as error.type and status ERROR. */
  private SpanData assertFailedSpan(HttpClientException error, String host) {
    SpanData span = finishedSpans(1).get(0);
    assertEquals(error.getClass().getName(), span.getAttributes().get(AttemptSpans.ERROR_TYPE),
        span.toString());
    assertEquals(host, span.getAttributes().get(AttemptSpans.SERVER_ADDRESS));
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertTrue(span.hasEnded());
    HistogramPointData point = metric("http.client.request.duration").getHistogramData()
        .getPoints().iterator().next();
    assertEquals(error.getClass().getName(), point.getAttributes().get(AttemptSpans.ERROR_TYPE));
    return span;
  }

  private MetricData metric(String name) {
    return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
  }
}

package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.Eventually;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
class EventListenerEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final List<String> events = RecordingListener.newLog();
  private final MockWebServer server = new MockWebServer();
  private ScriptedServer scripted;

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    if (scripted != null) {
      scripted.close();
    }
  }

  private AsyncHttpClient client(AsyncHttpClient.Builder builder) {
    return leaks.track(builder.eventListenerFactory(RecordingListener.into(events)).build());
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void newThenReusedConnectionTellEveryStepInOrder() throws Exception {
    server.start(0);
    server.enqueue(new MockResponse.Builder().body("hello").build());
    server.enqueue(new MockResponse.Builder().body("again").build());
    try (AsyncHttpClient client = client(AsyncHttpClient.builder())) {
      await(client.fetch(server.url("/a").toString()));
      String ip = "127.0.0.1:" + server.getPort();
      assertEquals(List.of("callStart GET /a", "attemptStart 0 FIRST /a",
          "connectionAcquired 0 new", "dnsStart 0 " + server.getHostName(),
          "dnsEnd 0 " + server.getHostName(), "connectStart 0 " + ip,
          "connectEnd 0 " + ip, "requestHeadStart 0", "requestHeadSent 0",
          "responseHeadReceived 0 200", "responseBodyReceived 0 5", "connectionReleased 0 kept",
          "attemptEnd 0 200", "callEnd 200"), List.copyOf(events));
      events.clear();
      await(client.fetch(HttpRequest.newBuilder(server.url("/b").toString())
          .method("POST", RequestBody.of("abc".getBytes(StandardCharsets.UTF_8))).build()));
      assertEquals(List.of("callStart POST /b", "attemptStart 0 FIRST /b",
          "connectionAcquired 0 reused", "requestHeadStart 0", "requestHeadSent 0",
          "requestBodySent 0 3", "responseHeadReceived 0 200", "responseBodyReceived 0 5",
          "connectionReleased 0 kept", "attemptEnd 0 200", "callEnd 200"), List.copyOf(events));
    }
  }

  @Test
  void redirectHopIsTheNextAttempt() throws Exception {
    server.start(0);
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/to").build());
    server.enqueue(new MockResponse.Builder().body("there").build());
    try (AsyncHttpClient client = client(AsyncHttpClient.builder())) {
      HttpResponse response = await(client.fetch(server.url("/from").toString()));
      assertEquals(1, response.redirectCount());
    }
    assertTrue(events.contains("attemptEnd 0 302"), events.toString());
    int hop = events.indexOf("attemptStart 1 REDIRECT /to");
    assertTrue(hop > events.indexOf("attemptEnd 0 302"), events.toString());
    assertEquals(List.of("attemptStart 1 REDIRECT /to", "connectionAcquired 1 reused",
        "requestHeadStart 1", "requestHeadSent 1", "responseHeadReceived 1 200",
        "responseBodyReceived 1 5", "connectionReleased 1 kept", "attemptEnd 1 200",
        "callEnd 200"), List.copyOf(events.subList(hop, events.size())));
  }

  @Test
  void retryOnAFreshConnectionIsAnAttemptOfItsOwn() throws Exception {
    scripted = ScriptedServer.start(ScriptedServer::staleAfterFirstAnswer);
    try (AsyncHttpClient client = client(AsyncHttpClient.builder())) {
      await(client.fetch(scripted.url("/")));
      events.clear();
      assertEquals(1, await(client.fetch(scripted.url("/"))).retryCount());
    }
    int failed = events.indexOf("attemptFailed 0 ConnectionResetException HEADERS");
    if (failed < 0) {
      failed = indexStarting("attemptFailed 0 ");
    }
    assertTrue(failed > 0, events.toString());
    assertEquals("connectionReleased 0 closed", events.get(failed - 1));
    assertEquals("attemptStart 1 RETRY /", events.get(failed + 1));
    assertEquals("connectionAcquired 1 new", events.get(failed + 2));
    assertEquals("callEnd 200", events.get(events.size() - 1));
  }

  @Test
  void tlsHandshakeIsToldBetweenConnectAndTheRequestAndTimedFromTheSameEvents() throws Exception {
    server.useHttps(TlsCertificates.serverContext(TlsCertificates.SERVER).getSocketFactory());
    server.start(0);
    server.enqueue(new MockResponse.Builder().body("secure").build());
    HttpResponse response;
    try (AsyncHttpClient client = client(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext()))) {
      response = await(client.fetch("https://localhost:" + server.getPort() + "/"));
    }
    int connected = indexStarting("connectEnd 0 ");
    assertEquals(List.of("tlsStart 0 localhost", "tlsEnd 0 localhost", "requestHeadStart 0"),
        events.subList(connected + 1, connected + 4));
    assertTrue(response.timings().tls().toNanos() > 0, response.timings().toString());
  }

  @Test
  void everyHappyEyeballsAddressIsTold() throws Exception {
    server.start(0);
    server.enqueue(new MockResponse.Builder().body("ok").build());
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    InetSocketAddress dead = new InetSocketAddress("127.0.0.1", closedPort);
    InetSocketAddress live = new InetSocketAddress("127.0.0.1", server.getPort());
    Resolver twoAddresses = (loop, host, port, family) ->
        CompletableFuture.completedFuture(List.of(dead, live));
    try (AsyncHttpClient client = client(AsyncHttpClient.builder().resolver(twoAddresses))) {
      await(client.fetch(server.url("/").toString()));
    }
    int first = indexStarting("connectStart 0 ");
    assertEquals(List.of("connectStart 0 127.0.0.1:" + closedPort,
        "connectFailed 0 127.0.0.1:" + closedPort, "connectStart 0 127.0.0.1:" + server.getPort(),
        "connectEnd 0 127.0.0.1:" + server.getPort()), events.subList(first, first + 4));
  }

  @Test
  void cancelWhileQueuedDropsTheQueuedRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    scripted = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      release.await(10, TimeUnit.SECONDS);
    });
    try (AsyncHttpClient client = client(AsyncHttpClient.builder().maxConnections(1))) {
      CompletableFuture<HttpResponse> first = client.fetch(scripted.url("/first"));
      Eventually.assertThat(Duration.ofSeconds(5), events::toString,
          () -> scripted.acceptedCount() == 1);
      CompletableFuture<HttpResponse> second = client.fetch(scripted.url("/second"));
      Eventually.assertThat(Duration.ofSeconds(5), events::toString,
          () -> events.contains("queued 0"));
      second.cancel(true);
      assertThrows(Exception.class, () -> second.get(5, TimeUnit.SECONDS));
      Eventually.assertThat(Duration.ofSeconds(5), events::toString,
          () -> events.contains("callFailed RequestCancelledException"));
      first.cancel(true);
      release.countDown();
    }
    int cancelled = events.indexOf("cancelled 0 QUEUED_REQUEST_DROPPED 0");
    assertTrue(cancelled > 0, events.toString());
    assertEquals("attemptFailed 0 RequestCancelledException QUEUE", events.get(cancelled + 1));
  }

  @Test
  void cancelDuringTheBodyClosesTheConnectionAndCountsTheDiscardedBytes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    scripted = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
      release.await(10, TimeUnit.SECONDS);
    });
    try (AsyncHttpClient client = client(AsyncHttpClient.builder())) {
      CompletableFuture<HttpResponse> fetch = client.fetch(scripted.url("/slow"));
      Eventually.assertThat(Duration.ofSeconds(5), events::toString,
          () -> events.contains("responseHeadReceived 0 200"));
      fetch.cancel(true);
      Eventually.assertThat(Duration.ofSeconds(5), events::toString,
          () -> events.contains("callFailed RequestCancelledException"));
      release.countDown();
    }
    int cancelled = events.indexOf("cancelled 0 CONNECTION_CLOSED >0");
    assertTrue(cancelled > 0, events.toString());
    assertEquals(List.of("connectionReleased 0 closed",
        "attemptFailed 0 RequestCancelledException BODY", "callFailed RequestCancelledException"),
        events.subList(cancelled + 1, cancelled + 4));
  }

  @Test
  void cancelOverHttp2ResetsTheStreamAndKeepsTheConnection() throws Exception {
    try (io.gust.server.TestServer companion = io.gust.server.TestServer.start();
        AsyncHttpClient client = client(AsyncHttpClient.builder().protocols(Protocol.HTTP_2))) {
      CompletableFuture<HttpResponse> fetch =
          client.fetch(companion.url("/drip?bytes=100&duration=20000").toString());
      Eventually.assertThat(Duration.ofSeconds(5), events::toString,
          () -> events.contains("responseHeadReceived 0 200"));
      fetch.cancel(true);
      Eventually.assertThat(Duration.ofSeconds(5), events::toString,
          () -> events.contains("callFailed RequestCancelledException"));
      assertTrue(events.stream().anyMatch(e -> e.startsWith("cancelled 0 STREAM_RESET")),
          events.toString());
      events.clear();
      assertEquals("hello\n", await(client.fetch(companion.url("/hello").toString()))
          .bodyString());
      assertTrue(events.contains("connectionAcquired 0 reused"), events.toString());
    }
  }

  @Test
  void connectFailureEndsTheAttemptAndTheCall() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    try (AsyncHttpClient client = client(AsyncHttpClient.builder())) {
      ExecutionException error = assertThrows(ExecutionException.class,
          () -> await(client.fetch("http://127.0.0.1:" + closedPort + "/")));
      assertInstanceOf(HttpConnectException.class, error.getCause());
    }
    assertEquals(List.of("connectStart 0 127.0.0.1:" + closedPort,
        "connectFailed 0 127.0.0.1:" + closedPort, "connectionReleased 0 closed",
        "attemptFailed 0 HttpConnectException CONNECT", "callFailed HttpConnectException"),
        events.subList(indexStarting("connectStart"), events.size()));
  }

  @Test
  void aListenerAddsFieldsToTheHeadOfEachAttempt() throws Exception {
    server.start(0);
    server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/b").build());
    server.enqueue(new MockResponse.Builder().body("ok").build());
    EventListener tagging = new EventListener() {
      @Override
      public void requestHeadStart(int attempt, HttpRequest request, HeadFields fields) {
        fields.add("X-Attempt", Integer.toString(attempt));
      }
    };
    try (AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .eventListenerFactory(request -> tagging).build())) {
      await(client.fetch(server.url("/a").toString()));
    }
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("0", first.getHeaders().get("X-Attempt"));
    assertEquals("1", second.getHeaders().get("X-Attempt"));
  }

  /** Regression: over HTTP/2 the listener never heard requestHeadStart, so its fields were lost. */
  @Test
  void aListenerAddsFieldsToAnHttp2Head() throws Exception {
    server.useHttps(TlsCertificates.serverContext(TlsCertificates.SERVER).getSocketFactory());
    server.start(0);
    server.enqueue(new MockResponse.Builder().body("ok").build());
    EventListener tagging = new EventListener() {
      @Override
      public void requestHeadStart(int attempt, HttpRequest request, HeadFields fields) {
        fields.add("X-Trace", "t-" + attempt);
      }
    };
    try (AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext()).eventListenerFactory(request -> tagging)
        .build())) {
      HttpResponse response = await(client.fetch("https://localhost:" + server.getPort() + "/"));
      assertEquals(Protocol.HTTP_2, response.protocol());
    }
    assertEquals("t-0", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("x-trace"));
  }

  @Test
  void aThrowingListenerNeitherFailsTheCallNorReachesTheLoop() throws Exception {
    server.start(0);
    server.enqueue(new MockResponse.Builder().body("fine").build());
    EventListener throwing = new EventListener() {
      @Override public void callStart(HttpRequest request) {
        throw new IllegalStateException("callStart");
      }

      @Override public void connectStart(int attempt, InetSocketAddress address) {
        throw new IllegalStateException("connectStart");
      }

      @Override public void requestHeadStart(int attempt, HttpRequest request, HeadFields f) {
        f.add("Bad Name", "x");
      }

      @Override public void responseHeadReceived(int attempt, int code) {
        throw new AssertionError("responseHeadReceived");
      }

      @Override public void callEnd(HttpResponse response) {
        throw new IllegalStateException("callEnd");
      }
    };
    try (AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .eventListenerFactory(request -> throwing).build())) {
      assertEquals("fine", await(client.fetch(server.url("/").toString())).bodyString());
    }
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(null, recorded.getHeaders().get("Bad Name"));
  }

  @Test
  void allTellsEveryListenerEvenWhenOneThrows() throws Exception {
    server.start(0);
    server.enqueue(new MockResponse.Builder().body("ok").build());
    EventListener throwing = new EventListener() {
      @Override public void callStart(HttpRequest request) {
        throw new IllegalStateException("callStart");
      }

      @Override public void callEnd(HttpResponse response) {
        throw new IllegalStateException("callEnd");
      }
    };
    List<String> second = RecordingListener.newLog();
    try (AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .eventListenerFactory(EventListener.Factory.all(request -> throwing,
            RecordingListener.into(events), RecordingListener.into(second))).build())) {
      await(client.fetch(server.url("/").toString()));
    }
    assertEquals("callStart GET /", events.get(0));
    assertEquals("callEnd 200", events.get(events.size() - 1));
    assertEquals(events, second);
  }

  @Test
  void aSlowListenerIsNamedByTheWatchdogLikeAnyOtherTask() throws Exception {
    server.start(0);
    server.enqueue(new MockResponse.Builder().body("ok").build());
    List<StackTraceElement[]> stacks = new java.util.concurrent.CopyOnWriteArrayList<>();
    EventListener slow = new SlowListener();
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(50))
        .blockedLoopListener((l, blockedFor, threshold, stack) -> stacks.add(stack)).build();
        AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(loop)
            .eventListenerFactory(request -> slow).build())) {
      await(client.fetch(server.url("/").toString()));
      Eventually.assertThat(Duration.ofSeconds(5), () -> "no episode",
          () -> !stacks.isEmpty());
    }
    assertTrue(java.util.Arrays.toString(stacks.get(0)).contains("SlowListener.callStart"),
        java.util.Arrays.toString(stacks.get(0)));
  }

  /** Holds the loop in its first event, as a listener that blocks would. */
  private static final class SlowListener implements EventListener {
    @Override
    public void callStart(HttpRequest request) {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
    }
  }

  private int indexStarting(String prefix) {
    synchronized (events) {
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).startsWith(prefix)) {
          return i;
        }
      }
    }
    return -1;
  }
}

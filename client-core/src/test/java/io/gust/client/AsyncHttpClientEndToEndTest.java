package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.MockServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class AsyncHttpClientEndToEndTest {
  @RegisterExtension final MockServerFixture fixture = new MockServerFixture();
  private MockWebServer server;
  private AsyncHttpClient client;

  @BeforeEach
  void setUp() {
    server = fixture.server();
    client = fixture.client();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void getReturnsStatusHeadersAndBody() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Test", "yes")
        .body("hello").build());
    HttpResponse response = await(client.fetch(fixture.url("/a?q=1")));
    assertEquals(200, response.code());
    assertEquals("yes", response.header("X-Test"));
    assertEquals("hello", response.bodyString());
    assertEquals(0, response.redirectCount());
    assertFalse(response.isConnectionReused());
    RecordedRequest recorded = fixture.take();
    assertEquals("GET", recorded.getMethod());
    assertEquals("/a?q=1", recorded.getTarget());
    assertEquals(server.getHostName() + ":" + server.getPort(), recorded.getHeaders().get("Host"));
    assertEquals("Gust/0.1", recorded.getHeaders().get("User-Agent"));
    assertEquals("gzip, deflate", recorded.getHeaders().get("Accept-Encoding"));
  }

  @Test
  void sequentialFetchesReuseOneConnection() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse.Builder().body("r" + i).build());
    }
    for (int i = 0; i < 5; i++) {
      HttpResponse response = await(client.fetch(fixture.url("/" + i)));
      assertEquals("r" + i, response.bodyString());
      assertEquals(i > 0, response.isConnectionReused());
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(0, fixture.take().getConnectionIndex());
    }
    PoolSnapshot snapshot = await(client.poolSnapshot());
    assertEquals(1, snapshot.open());
    assertEquals(1, snapshot.idle());
    assertEquals(1, snapshot.hosts().get(0).connectionAges().size());
  }

  @Test
  void postSendsBytesWithContentLengthAndType() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).build());
    HttpRequest request = HttpRequest.newBuilder(fixture.url("/p"))
        .post(RequestBody.ofString("payload", "text/plain")).build();
    assertEquals(201, await(client.fetch(request)).code());
    RecordedRequest recorded = fixture.take();
    assertEquals("POST", recorded.getMethod());
    assertEquals("payload", recorded.getBody().utf8());
    assertEquals("7", recorded.getHeaders().get("Content-Length"));
    assertEquals("text/plain", recorded.getHeaders().get("Content-Type"));
  }

  @Test
  void producerBodyIsSentChunked() throws Exception {
    server.enqueue(new MockResponse.Builder().build());
    RequestBody body = RequestBody.ofProducer(writer -> writer.write(ByteString.encodeUtf8("ab"))
        .thenCompose(v -> writer.write(ByteString.encodeUtf8("cd")))
        .thenRun(writer::end), "text/plain");
    await(client.fetch(HttpRequest.newBuilder(fixture.url("/c")).post(body).build()));
    RecordedRequest recorded = fixture.take();
    assertEquals("chunked", recorded.getHeaders().get("Transfer-Encoding"));
    assertEquals("abcd", recorded.getBody().utf8());
  }

  @Test
  void fileBodyIsReadOffTheLoopAndSent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("body.bin");
    byte[] content = new byte[200_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Files.write(file, content);
    server.enqueue(new MockResponse.Builder().build());
    await(client.fetch(HttpRequest.newBuilder(fixture.url("/f"))
        .put(RequestBody.ofFile(file, "application/octet-stream")).build()));
    RecordedRequest recorded = fixture.take();
    assertEquals(String.valueOf(content.length), recorded.getHeaders().get("Content-Length"));
    assertEquals(ByteString.of(content), recorded.getBody());
  }

  @Test
  void basicAuthFromTheRequestIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().build());
    await(client.fetch(HttpRequest.newBuilder(fixture.url("/auth")).basicAuth("user", "pw")
        .build()));
    assertEquals("Basic dXNlcjpwdw==", fixture.take().getHeaders().get("Authorization"));
  }

  @Test
  void callbackStyleRunsOnTheLoopThread() throws Exception {
    server.enqueue(new MockResponse.Builder().body("cb").build());
    CompletableFuture<String> thread = new CompletableFuture<>();
    client.fetch(HttpRequest.get(fixture.url("/cb")), new FetchCallback() {
      @Override
      public void onResponse(HttpResponse response) {
        thread.complete(Thread.currentThread().getName() + " " + response.bodyString()
            + " " + (EventLoop.current() != null));
      }

      @Override
      public void onFailure(HttpRequest request, HttpClientException error) {
        thread.completeExceptionally(error);
      }
    });
    String seen = await(thread);
    assertTrue(seen.startsWith("gust-loop-"), seen);
    assertTrue(seen.endsWith(" cb true"), seen);
  }

  /** Regression: fetch -H 'User-Agent:' could not stop the client from sending its own. */
  @Test
  void nullUserAgentSendsNone() throws Exception {
    try (AsyncHttpClient anonymous = fixture.track(AsyncHttpClient.builder().userAgent(null)
        .build())) {
      server.enqueue(new MockResponse.Builder().build());
      server.enqueue(new MockResponse.Builder().build());
      await(anonymous.fetch(fixture.url("/none")));
      assertNull(fixture.take().getHeaders().get("User-Agent"));
      await(anonymous.fetch(HttpRequest.newBuilder(fixture.url("/own"))
          .header("User-Agent", "me/1").build()));
      assertEquals("me/1", fixture.take().getHeaders().get("User-Agent"));
    }
  }

  @Test
  void callbackExecutorRunsCallbacksOffTheLoop() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "user-cb"));
    try (AsyncHttpClient withExecutor = AsyncHttpClient.builder().callbackExecutor(executor)
        .build()) {
      server.enqueue(new MockResponse.Builder().build());
      CompletableFuture<String> thread = new CompletableFuture<>();
      withExecutor.fetch(fixture.url("/x"))
          .thenRun(() -> thread.complete(Thread.currentThread().getName()));
      assertEquals("user-cb", await(thread));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void callbackHandleCancelsAndReportsCancellation() throws Exception {
    server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).build());
    RecordingCallback callback = new RecordingCallback();
    var handle = client.fetch(HttpRequest.get(fixture.url("/slow")), callback);
    fixture.take();
    assertTrue(handle.cancel());
    assertInstanceOf(RequestCancelledException.class, callback.failure());
  }

  @Test
  void joinOnALoopThreadThrowsInsteadOfDeadlocking() throws Exception {
    server.enqueue(new MockResponse.Builder().build());
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    try (EventLoop loop = EventLoop.create()) {
      loop.execute(() -> {
        try {
          client.fetch(fixture.url("/j")).join();
          thrown.complete(null);
        } catch (Throwable t) {
          thrown.complete(t);
        }
      });
      Throwable t = await(thrown);
      assertInstanceOf(IllegalStateException.class, t);
      assertTrue(t.getMessage().contains("deadlock"), t.getMessage());
    }
  }

  @Test
  void raiseErrorFailsWithTheResponseForStatus400AndUp() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).body("nope").build());
    server.enqueue(new MockResponse.Builder().code(404).build());
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(
        client.fetch(HttpRequest.newBuilder(fixture.url("/e")).raiseError(true).build())));
    HttpStatusException status = assertInstanceOf(HttpStatusException.class, error.getCause());
    assertEquals("nope", status.response().bodyString());
    assertEquals(404, await(client.fetch(fixture.url("/e"))).code());
  }

  @Test
  void timingsAreMeasured() throws Exception {
    server.enqueue(new MockResponse.Builder().body("t").build());
    HttpResponse response = await(client.fetch(fixture.url("/t")));
    assertTrue(response.timings().total().toNanos() > 0);
    assertTrue(response.timings().total().compareTo(response.timings().connect()) >= 0);
    assertEquals(0, response.timings().tls().toNanos());
    assertEquals(server.url("/t").uri(), response.effectiveUri());
  }

  /** Pins: timings had durations but no wall-clock instant to place them. */
  @Test
  void timingsStartAtTheWallClockInstantOfTheCallToFetch() throws Exception {
    server.enqueue(new MockResponse.Builder().body("t").build());
    Instant before = Instant.now();
    CompletableFuture<HttpResponse> fetch = client.fetch(fixture.url("/t"));
    Instant called = Instant.now();
    HttpResponse response = await(fetch);
    Instant start = response.timings().start();
    assertTrue(!start.isBefore(before) && !start.isAfter(called), start + " in call window");
    assertTrue(!start.plus(response.timings().total()).isAfter(Instant.now()));
  }

  @Test
  void closeFailsInFlightFetchesAndLaterFetchesFailAtOnce() throws Exception {
    server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).build());
    CompletableFuture<HttpResponse> inFlight = client.fetch(fixture.url("/slow"));
    fixture.take();
    client.close();
    CancellationException error = assertThrows(CancellationException.class, () -> await(inFlight));
    RequestCancelledException cancelled =
        assertInstanceOf(RequestCancelledException.class, error.getCause());
    assertTrue(cancelled.isClientClosed());
    CompletableFuture<HttpResponse> after = client.fetch(fixture.url("/after"));
    assertTrue(after.isCompletedExceptionally());
    client.close();
    assertNull(server.takeRequest(10, TimeUnit.MILLISECONDS));
  }
}

package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.gust.testing.LeakCheck;
import io.gust.testing.LogCapture;
import io.gust.testing.ScriptedServer;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
class StreamingEndToEndTest {
  private static final int BODY_BYTES = 1024 * 1024;
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private AsyncHttpClient client;
  private ScriptedServer server;

  @BeforeEach
  void setUp() throws Exception {
    client = leaks.track(AsyncHttpClient.create());
    server = ScriptedServer.start((socket, index) -> {
      String head = readHead(socket.getInputStream());
      int length = head.indexOf("Content-Length: ");
      if (length >= 0) {
        int end = head.indexOf('\r', length);
        socket.getInputStream().readNBytes(Integer.parseInt(head.substring(length + 16, end)));
      }
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + BODY_BYTES + "\r\n\r\n");
      socket.getOutputStream().write(new byte[BODY_BYTES]);
      socket.getInputStream().read();
    });
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void bodyCallbackPausesReadingUntilItsStageCompletes() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CountDownLatch firstChunk = new CountDownLatch(1);
    AtomicLong received = new AtomicLong();
    CopyOnWriteArrayList<Boolean> gateOpenAtChunk = new CopyOnWriteArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(server.url("/")).bodyCallback(chunk -> {
      received.addAndGet(chunk.size());
      gateOpenAtChunk.add(gate.isDone());
      if (firstChunk.getCount() == 1) {
        firstChunk.countDown();
        return gate;
      }
      return null;
    }).build();
    CompletableFuture<HttpResponse> response = client.fetch(request);
    assertTrue(firstChunk.await(5, TimeUnit.SECONDS));
    assertEquals(1, gateOpenAtChunk.size(), "a chunk arrived while paused");
    gate.complete(null);
    HttpResponse done = response.get(10, TimeUnit.SECONDS);
    assertEquals(BODY_BYTES, received.get());
    assertEquals(0, done.body().size());
    assertTrue(gateOpenAtChunk.subList(1, gateOpenAtChunk.size()).stream().allMatch(b -> b));
  }

  /** Regression: progress counted the whole collected body again on every read. */
  @Test
  void progressListenerAndHeaderCallbackSeeTheTotals() throws Exception {
    AtomicLong lastReceived = new AtomicLong();
    AtomicLong total = new AtomicLong();
    CompletableFuture<Integer> headCode = new CompletableFuture<>();
    HttpRequest request = HttpRequest.newBuilder(server.url("/"))
        .post(RequestBody.ofString("12345", "text/plain"))
        .headerCallback(head -> headCode.complete(head.code()))
        .progressListener((sent, sendTotal, received, receiveTotal) -> {
          assertEquals(5, sendTotal);
          lastReceived.set(received);
          total.set(receiveTotal);
        }).build();
    HttpResponse response = client.fetch(request).get(10, TimeUnit.SECONDS);
    assertEquals(BODY_BYTES, response.body().size());
    assertEquals(200, headCode.get(1, TimeUnit.SECONDS));
    assertEquals(BODY_BYTES, lastReceived.get());
    assertEquals(BODY_BYTES, total.get());
  }

  @Test
  void throwingBodyCallbackFailsTheFetchAndIsLogged() throws Exception {
    try (LogCapture logs = LogCapture.of("io.gust.client")) {
      HttpRequest request = HttpRequest.newBuilder(server.url("/")).bodyCallback(chunk -> {
        throw new IllegalStateException("user bug");
      }).build();
      ExecutionException error = assertThrows(ExecutionException.class,
          () -> client.fetch(request).get(10, TimeUnit.SECONDS));
      assertInstanceOf(HttpClientException.class, error.getCause());
      assertTrue(logs.hasAtLeast(Level.WARN));
    }
  }

  @Test
  void throwingFetchCallbackIsLoggedAndContained() throws Exception {
    try (LogCapture logs = LogCapture.of("io.gust.client")) {
      CountDownLatch called = new CountDownLatch(1);
      client.fetch(HttpRequest.get(server.url("/")), new FetchCallback() {
        @Override
        public void onResponse(HttpResponse response) {
          called.countDown();
          throw new IllegalStateException("user bug");
        }

        @Override
        public void onFailure(HttpRequest request, HttpClientException error) {}
      });
      assertTrue(called.await(5, TimeUnit.SECONDS));
      client.close();
      assertTrue(logs.hasAtLeast(Level.WARN));
    }
  }

  @Test
  void throwingBodyProducerFailsTheFetchInWritePhase() throws Exception {
    try (LogCapture logs = LogCapture.of("io.gust.client")) {
      HttpRequest request = HttpRequest.newBuilder(server.url("/"))
          .post(RequestBody.ofProducer(writer -> {
            throw new IllegalStateException("producer bug");
          }, "text/plain")).build();
      ExecutionException error = assertThrows(ExecutionException.class,
          () -> client.fetch(request).get(10, TimeUnit.SECONDS));
      HttpClientException failure = assertInstanceOf(HttpClientException.class, error.getCause());
      assertEquals(io.gust.client.Phase.WRITE, failure.phase());
      assertTrue(logs.hasAtLeast(Level.WARN));
    }
  }

  @Test
  void streamedBodyMatchesTheBufferedOne() throws Exception {
    Buffer streamed = new Buffer();
    HttpRequest request = HttpRequest.newBuilder(server.url("/")).bodyCallback(chunk -> {
      streamed.write(chunk);
      return null;
    }).build();
    client.fetch(request).get(10, TimeUnit.SECONDS);
    assertEquals(ByteString.of(new byte[BODY_BYTES]), streamed.readByteString());
  }

  /** Regression: good chunks read together with a bad chunk-size line never reached the callback. */
  @Test
  void bytesBeforeABadChunkOrACutReachTheBodyCallbackThenTheFailure() throws Exception {
    assertGoodBytesThenFailure(client);
  }

  /** Regression: with a callback executor the failure could overtake the last good chunk. */
  @Test
  void callbackExecutorSeesTheGoodBytesBeforeTheFailure() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (AsyncHttpClient viaPool = leaks.track(
        AsyncHttpClient.builder().callbackExecutor(pool).build())) {
      assertGoodBytesThenFailure(viaPool);
    } finally {
      pool.shutdown();
    }
  }

  /** Streams a body broken by a bad chunk size, then one cut short, through {@code through}. */
  private static void assertGoodBytesThenFailure(AsyncHttpClient through) throws Exception {
    try (ScriptedServer broken = ScriptedServer.start(StreamingEndToEndTest::badChunkAfterGoodOnes);
        ScriptedServer truncated = ScriptedServer.start(StreamingEndToEndTest::truncatedLength)) {
      assertEquals(List.of("hello world", "BAD_CHUNK"),
          streamUntilFailure(through, broken.url("/")));
      assertEquals(List.of("hello world", "TRUNCATED_BODY"),
          streamUntilFailure(through, truncated.url("/")));
    }
  }

  @Test
  void bufferedFetchOfABrokenBodyOnlyFails() throws Exception {
    try (ScriptedServer broken = ScriptedServer.start(StreamingEndToEndTest::badChunkAfterGoodOnes);
        ScriptedServer truncated = ScriptedServer.start(StreamingEndToEndTest::truncatedLength)) {
      ExecutionException badChunk = assertThrows(ExecutionException.class,
          () -> client.fetch(broken.url("/")).get(10, TimeUnit.SECONDS));
      assertEquals(HttpProtocolException.Kind.BAD_CHUNK,
          assertInstanceOf(HttpProtocolException.class, badChunk.getCause()).kind());
      ExecutionException cut = assertThrows(ExecutionException.class,
          () -> client.fetch(truncated.url("/")).get(10, TimeUnit.SECONDS));
      assertInstanceOf(TruncatedBodyException.class, cut.getCause());
    }
  }

  /** Sends two good chunks and a bad size line in one write, then waits for the client to go. */
  private static void badChunkAfterGoodOnes(Socket socket, int index) throws IOException {
    readHead(socket.getInputStream());
    write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\nhello\r\n6\r\n world\r\nzz\r\nnot a size\r\n0\r\n\r\n");
    socket.getInputStream().read();
  }

  /** Announces 100 bytes, sends 11 and closes. */
  private static void truncatedLength(Socket socket, int index) throws IOException {
    readHead(socket.getInputStream());
    write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello world");
  }

  /**
   * Streams {@code url} until the fetch fails; returns the body the callback received, then the
   * failure's kind, each recorded when it happened.
   */
  private static List<String> streamUntilFailure(AsyncHttpClient through, String url)
      throws Exception {
    StringBuffer body = new StringBuffer();
    List<String> events = new CopyOnWriteArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(url).bodyCallback(chunk -> {
      body.append(chunk.utf8());
      return null;
    }).build();
    CompletableFuture<HttpResponse> fetched = through.fetch(request).whenComplete((r, error) -> {
      events.add(body.toString());
      events.add(error instanceof HttpProtocolException
          ? ((HttpProtocolException) error).kind().name() : String.valueOf(error));
    });
    assertThrows(ExecutionException.class, () -> fetched.get(10, TimeUnit.SECONDS));
    return events;
  }
}

package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.MockServerFixture;
import io.gust.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The file, discard and stream sinks over real sockets. */
@Timeout(30)
class BodySinksEndToEndTest {
  private static final int BIG = 8 * 1024 * 1024;
  @RegisterExtension final MockServerFixture fixture = new MockServerFixture();
  @TempDir Path dir;

  private static ByteString random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return ByteString.of(bytes);
  }

  private HttpRequest get(String path) {
    return HttpRequest.get(fixture.server().url(path).toString());
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> listed = Files.list(dir)) {
      return listed.toList();
    }
  }

  @Test
  void fileSinkWritesABigBodyAndRenamesItOverTheTarget() throws Exception {
    ByteString body = random(BIG);
    fixture.server().enqueue(new MockResponse.Builder().body(new Buffer().write(body)).build());
    Path target = Files.writeString(dir.resolve("big.bin"), "old");
    BodySink sink = BodySink.toFile(target);
    HttpResponse response = fixture.client().fetch(get("/big"), sink).get(20, TimeUnit.SECONDS);
    assertEquals(200, response.code());
    assertEquals(0, response.body().size());
    assertEquals(BIG, sink.byteCount());
    assertEquals(body, ByteString.of(Files.readAllBytes(target)));
    assertEquals(List.of(target), files(), "no temporary file left");
  }

  @Test
  void fileSinkRemovesItsTempFileWhenTheBodyIsCutShort() throws Exception {
    Path target = Files.writeString(dir.resolve("cut.bin"), "old");
    try (ScriptedServer cut = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n");
      socket.getOutputStream().write(new byte[512 * 1024]);
    })) {
      ExecutionException failed = assertThrows(ExecutionException.class, () -> fixture.client().fetch(
          HttpRequest.get(cut.url("/cut")), BodySink.toFile(target)).get(10, TimeUnit.SECONDS));
      assertEquals(Phase.BODY,
          assertInstanceOf(HttpClientException.class, failed.getCause()).phase());
    }
    assertEquals(List.of(target), files(), "the temporary file was removed when the fetch failed");
    assertEquals("old", Files.readString(target), "the target is untouched");
  }

  @Test
  void fileSinkRemovesItsTempFileWhenTheFetchIsCancelled() throws Exception {
    CountDownLatch bodyStarted = new CountDownLatch(1);
    Path target = dir.resolve("cancelled.bin");
    try (ScriptedServer stalls = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
      socket.getOutputStream().write(new byte[1000]);
      socket.getInputStream().read(); // holds the rest back until the client goes
    }); WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, ENTRY_CREATE, ENTRY_DELETE);
      CompletableFuture<HttpResponse> fetch = fixture.client().fetch(HttpRequest.newBuilder(stalls.url("/"))
          .progressListener((sent, sendTotal, received, receiveTotal) -> {
            if (received > 0) {
              bodyStarted.countDown();
            }
          }).build(), BodySink.toFile(target));
      assertTrue(bodyStarted.await(10, TimeUnit.SECONDS));
      Path temp = nextEvent(watch, ENTRY_CREATE);
      assertTrue(temp.getFileName().toString().startsWith(".cancelled.bin."), temp.toString());
      assertTrue(fetch.cancel(true));
      assertEquals(temp, nextEvent(watch, ENTRY_DELETE));
    }
    assertEquals(List.of(), files());
  }

  /** Regression: a file task still running at close made the cleanup task rejected, and the fetch never reported. */
  @Test
  void closingTheClientMidDownloadReportsTheFetchAndRemovesTheTempFile() throws Exception {
    AsyncHttpClient closing = AsyncHttpClient.create();
    Path target = dir.resolve("closed.bin");
    try (ScriptedServer endless = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\n");
      byte[] block = new byte[256 * 1024];
      while (true) {
        socket.getOutputStream().write(block);
      }
    }); WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, ENTRY_CREATE, ENTRY_DELETE);
      CompletableFuture<HttpResponse> fetch =
          closing.fetch(HttpRequest.get(endless.url("/")), BodySink.toFile(target));
      Path temp = nextEvent(watch, ENTRY_CREATE);
      closing.close();
      CancellationException failed = assertThrows(CancellationException.class,
          () -> fetch.get(10, TimeUnit.SECONDS));
      assertTrue(assertInstanceOf(RequestCancelledException.class, failed.getCause())
          .isClientClosed());
      assertEquals(temp, nextEvent(watch, ENTRY_DELETE));
    }
    assertEquals(List.of(), files());
  }

  private Path nextEvent(WatchService watch, WatchEvent.Kind<Path> kind) throws Exception {
    while (true) {
      WatchKey key = watch.poll(10, TimeUnit.SECONDS);
      assertNotNull(key, "no " + kind + " in " + dir);
      try {
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == kind) {
            return dir.resolve((Path) event.context());
          }
        }
      } finally {
        key.reset();
      }
    }
  }

  @Test
  void aTargetThatCannotBeWrittenFailsTheFetchWithTheFileError() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().body("data").build());
    Path target = dir.resolve("no-such-dir").resolve("x.bin");
    ExecutionException failed = assertThrows(ExecutionException.class, () -> fixture.client()
        .fetch(get("/x"), BodySink.toFile(target)).get(10, TimeUnit.SECONDS));
    HttpClientException error = assertInstanceOf(HttpClientException.class, failed.getCause());
    assertEquals(Phase.BODY, error.phase());
    assertInstanceOf(java.nio.file.NoSuchFileException.class, error.getCause());
  }

  /** Regression: a failure reported after the file sink's clean-up ran on the file thread. */
  @Test
  void aFailureAfterTheFileSinksCleanUpIsReportedOnTheLoop() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().body("data").build());
    Path target = dir.resolve("no-such-dir").resolve("x.bin");
    CompletableFuture<String> thread = fixture.client()
        .fetch(get("/x"), BodySink.toFile(target))
        .handle((response, error) -> Thread.currentThread().getName());
    String name = thread.get(10, TimeUnit.SECONDS);
    assertTrue(name.startsWith("gust-loop-"), name);
  }

  @Test
  void anErrorStatusWithRaiseErrorLeavesNoFile() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().code(404).body("not here").build());
    Path target = dir.resolve("missing.html");
    ExecutionException failed = assertThrows(ExecutionException.class, () -> fixture.client().fetch(
        HttpRequest.newBuilder(fixture.server().url("/x").toString()).raiseError(true).build(),
        BodySink.toFile(target)).get(10, TimeUnit.SECONDS));
    assertInstanceOf(HttpStatusException.class, failed.getCause());
    assertEquals(List.of(), files());
  }

  @Test
  void discardSinkCountsTheBytesItDrops() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().body(new Buffer().write(random(3_000_000))).build());
    BodySink sink = BodySink.discard();
    HttpResponse response = fixture.client().fetch(get("/drop"), sink).get(10, TimeUnit.SECONDS);
    assertEquals(0, response.body().size());
    assertEquals(3_000_000, sink.byteCount());
    assertThrows(IllegalStateException.class, () -> fixture.client().fetch(get("/again"), sink),
        "a sink serves one fetch");
  }

  @Test
  void bodyStreamReadsABigBodyChunkByChunk() throws Exception {
    ByteString body = random(BIG);
    fixture.server().enqueue(new MockResponse.Builder().addHeader("X-Kind", "big")
        .body(new Buffer().write(body)).build());
    BodyStream stream = BodySink.stream();
    CompletableFuture<HttpResponse> done = fixture.client().fetch(get("/stream"), stream);
    assertEquals("big", stream.head().get(10, TimeUnit.SECONDS).header("X-Kind"));
    Buffer all = new Buffer();
    int chunks = 0;
    for (Buffer chunk; (chunk = stream.read().get(10, TimeUnit.SECONDS)) != null; chunks++) {
      all.writeAll(chunk);
    }
    assertTrue(chunks > 1, "the body came in chunks");
    assertEquals(body, all.readByteString());
    assertEquals(200, done.get(10, TimeUnit.SECONDS).code());
    assertEquals(BIG, stream.byteCount());
    assertEquals(null, stream.read().get(10, TimeUnit.SECONDS), "end of body stays the end");
  }

  @Test
  void bodyStreamFailsItsReadsWithTheFetchFailure() throws Exception {
    try (ScriptedServer cut = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
    })) {
      BodyStream stream = BodySink.stream();
      CompletableFuture<HttpResponse> done = fixture.client().fetch(HttpRequest.get(cut.url("/")), stream);
      Buffer first = stream.read().get(10, TimeUnit.SECONDS);
      assertEquals("only ten b", first.readUtf8());
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> stream.read().get(10, TimeUnit.SECONDS));
      assertInstanceOf(HttpClientException.class, failed.getCause());
      assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void fileSinkBehindAnApplicationInterceptorGetsTheFinalBody() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().code(503).body("busy").build());
    fixture.server().enqueue(new MockResponse.Builder().body("fine").build());
    AsyncHttpClient retrying = fixture.track(AsyncHttpClient.builder()
        .addInterceptor(chain -> chain.proceed(chain.request()).thenCompose(response ->
            response.code() == 503 ? chain.proceed(chain.request())
                : CompletableFuture.completedFuture(response)))
        .build());
    Path target = dir.resolve("final.txt");
    assertEquals(200, retrying.fetch(get("/f"), BodySink.toFile(target))
        .get(10, TimeUnit.SECONDS).code());
    assertEquals("fine", Files.readString(target));
    assertFalse(files().size() > 1, "no temporary file left");
  }
}

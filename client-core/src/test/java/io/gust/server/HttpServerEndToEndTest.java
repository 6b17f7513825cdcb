package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LogCapture;
import io.gust.testing.TestServerExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server against the JDK's HttpClient, a client Gust did not write. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerEndToEndTest {
  @RegisterExtension
  final TestServerExtension server = new TestServerExtension(builder -> builder
      .get("/boom", request -> {
        throw new IllegalStateException("boom");
      })
      .routeAsync("GET", "/boom-async",
          request -> CompletableFuture.failedFuture(new IllegalStateException("async boom")))
      .get(java.util.regex.Pattern.compile("/users/(\\w+)/posts/(\\d+)"),
          request -> Response.ok(request.pathGroup(1) + "," + request.pathGroup(2) + ","
              + request.queryParameter("q")))
      .get("/static/*", request -> Response.ok("static " + request.path()))
      .routeAsync("GET", "/elsewhere", request -> CompletableFuture.supplyAsync(
          () -> Response.ok("from another thread")))
      .route("POST", "/form", request -> Response.ok("posted")));

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(server.url(path)).build());
  }

  @Test
  void getAnswersWithBodyDateAndServer() throws Exception {
    HttpResponse<String> response = get("/hello");
    assertEquals(200, response.statusCode());
    assertEquals("hello\n", response.body());
    assertEquals("gust", response.headers().firstValue("Server").orElseThrow());
    assertTrue(response.headers().firstValue("Date").orElseThrow().endsWith(" GMT"));
    assertEquals("6", response.headers().firstValue("Content-Length").orElseThrow());
  }

  @Test
  void headIsServedByTheGetRouteWithoutBodyButWithLength() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.url("/bytes/100"))
        .method("HEAD", BodyPublishers.noBody()).build());
    assertEquals(200, response.statusCode());
    assertEquals("", response.body());
    assertEquals("100", response.headers().firstValue("Content-Length").orElseThrow());
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
    assertEquals(404, get("/nowhere").statusCode());
    HttpResponse<String> refused = send(HttpRequest.newBuilder(server.url("/hello"))
        .DELETE().build());
    assertEquals(405, refused.statusCode());
    assertEquals("GET, HEAD", refused.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void bodyPostedToAnUnknownPathStillGetsThe404() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.url("/nowhere"))
        .POST(BodyPublishers.ofByteArray(new byte[1024 * 1024])).build());
    assertEquals(404, response.statusCode());
    assertEquals("close", response.headers().firstValue("Connection").orElseThrow());
  }

  @Test
  void regexRoutesCaptureGroupsAndPrefixRoutesMatchBelow() throws Exception {
    assertEquals("ann,42,x y", get("/users/ann/posts/42?q=x+y").body());
    assertEquals("static /static/a/b.css", get("/static/a/b.css").body());
  }

  @Test
  void handlerExceptionIs500LoggedAndTheServerGoesOn() throws Exception {
    try (LogCapture logs = LogCapture.of(HandlerRun.class)) {
      assertEquals(500, get("/boom").statusCode());
      assertEquals(500, get("/boom-async").statusCode());
      assertEquals(2, logs.messagesAtLeast(ch.qos.logback.classic.Level.WARN).size());
    }
    assertEquals("hello\n", get("/hello").body());
  }

  @Test
  void asyncStageCompletedOnAnotherThreadIsWrittenOnTheLoop() throws Exception {
    assertEquals("from another thread", get("/elsewhere").body());
  }

  @Test
  void echoReturnsMethodHeadersAndBody() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.url("/echo?a=1"))
        .header("X-Test", "yes").POST(BodyPublishers.ofString("payload")).build());
    String echoed = response.body();
    assertTrue(echoed.startsWith("POST /echo?a=1 HTTP/1.1\r\n"), echoed);
    assertTrue(echoed.contains("X-Test: yes\r\n"), echoed);
    assertTrue(echoed.endsWith("\r\n\r\npayload"), echoed);
  }

  @Test
  void chunkedUploadOfUnknownLengthIsDechunked() throws Exception {
    byte[] body = "streamed upload".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = send(HttpRequest.newBuilder(server.url("/echo"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
    assertTrue(response.body().endsWith("\r\n\r\nstreamed upload"), response.body());
  }

  @Test
  void tenMebibytesGoBothWays() throws Exception {
    byte[] upload = new byte[10 * 1024 * 1024 - 4096];
    new java.util.Random(7).nextBytes(upload);
    HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(server.url("/echo"))
        .POST(BodyPublishers.ofByteArray(upload)).build(), BodyHandlers.ofByteArray());
    byte[] tail = java.util.Arrays.copyOfRange(echoed.body(),
        echoed.body().length - upload.length, echoed.body().length);
    assertArrayEquals(upload, tail);

    HttpResponse<byte[]> download = client.send(
        HttpRequest.newBuilder(server.url("/bytes/" + 10 * 1024 * 1024)).build(),
        BodyHandlers.ofByteArray());
    assertEquals(10 * 1024 * 1024, download.body().length);
    for (int i = 0; i < download.body().length; i += 4099) {
      assertEquals((byte) (i % 251), download.body()[i]);
    }
  }

  @Test
  void streamedChunksArriveInOrder() throws Exception {
    HttpResponse<String> response = get("/stream/5");
    assertEquals("chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n", response.body());
    assertTrue(response.headers().firstValue("Content-Length").isEmpty());
  }

  @Test
  void gzipDecodesToTheDocumentedText() throws Exception {
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.url("/gzip"))
        .build(), BodyHandlers.ofByteArray());
    assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
    assertEquals(TestRoutes.GZIP_TEXT, new String(plain, StandardCharsets.UTF_8));
  }

  @Test
  void dripSpreadsItsBytesOverTheDuration() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = get("/drip?bytes=5&duration=250");
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals("*****", response.body());
    assertTrue(elapsedMillis >= 200, "took " + elapsedMillis + " ms");
  }

  @Test
  void redirectsLeadToGet() throws Exception {
    HttpResponse<String> response = get("/redirect/3");
    assertEquals("get\n", response.body());
    assertEquals(URI.create(server.url("/get").toString()), response.uri());
  }

  @Test
  void statusAndDelayRoutesAnswerAsNamed() throws Exception {
    assertEquals(418, get("/status/418").statusCode());
    assertEquals(204, get("/status/204").statusCode());
    assertEquals("delayed 20 ms\n", get("/delay/20").body());
  }

  @Test
  void fileBodyIsReadOffTheLoopAndStreamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data.bin");
    byte[] content = new byte[300_000];
    new java.util.Random(3).nextBytes(content);
    Files.write(file, content);
    try (HttpServer files = HttpServer.builder()
        .get("/file", request -> Response.file(file, "application/octet-stream",
            ForkJoinPool.commonPool()))
        .build().start()) {
      HttpResponse<byte[]> response = client.send(
          HttpRequest.newBuilder(files.url("/file")).build(), BodyHandlers.ofByteArray());
      assertArrayEquals(content, response.body());
    }
  }

  @Test
  void keepAliveReusesOneConnection() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertEquals(200, get("/hello").statusCode());
    }
    assertEquals(1, server.server().acceptedConnections());
  }
}

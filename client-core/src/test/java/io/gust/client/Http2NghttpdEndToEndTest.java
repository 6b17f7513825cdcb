package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.concurrent.Futures;
import io.gust.testing.LeakCheck;
import io.gust.testing.Nghttpd;
import io.gust.testing.TlsCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/2 client against nghttpd (nghttp2's server): h2c by prior knowledge and h2 over TLS
 * by ALPN, many fetches multiplexed on one connection, the server's stream limit, small windows,
 * padding, trailers and uploads.
 */
@Timeout(60)
class Http2NghttpdEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private Nghttpd server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  private AsyncHttpClient h2c() {
    return leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2).build());
  }

  private AsyncHttpClient h2() {
    return leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_2, Protocol.HTTP_1_1)
        .tls(TlsCertificates.clientOptions()).build());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void priorKnowledgeGetSaysHttp2() throws Exception {
    server = Nghttpd.start(dir, null);
    Files.writeString(server.www().resolve("a.txt"), "hello over h2c\n");
    HttpResponse response = h2c().fetch(url("/a.txt")).get(10, TimeUnit.SECONDS);
    assertEquals(200, response.code());
    assertEquals(Protocol.HTTP_2, response.protocol());
    assertEquals("hello over h2c\n", response.bodyString());
  }

  @Test
  void alpnPicksHttp2OverTls() throws Exception {
    server = Nghttpd.start(dir, TlsCertificates.SERVER);
    Files.writeString(server.www().resolve("a.txt"), "hello over h2\n");
    HttpResponse response = h2().fetch("https://localhost:" + server.port() + "/a.txt")
        .get(10, TimeUnit.SECONDS);
    assertEquals(Protocol.HTTP_2, response.protocol());
    assertEquals("hello over h2\n", response.bodyString());
  }

  @Test
  void sixtyFourFetchesShareOneConnectionWithinTheStreamLimit() throws Exception {
    server = Nghttpd.start(dir, null, "--max-concurrent-streams=5", "--padding=20");
    Files.writeString(server.www().resolve("a.txt"), "x".repeat(3000));
    AsyncHttpClient client = h2c();
    List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      all.add(client.fetch(url("/a.txt")));
    }
    for (HttpResponse response : Futures.all(all).get(30, TimeUnit.SECONDS)) {
      assertEquals(3000, response.body().size());
      assertEquals(Protocol.HTTP_2, response.protocol());
    }
    PoolSnapshot snapshot = client.poolSnapshot().get(5, TimeUnit.SECONDS);
    assertEquals(1, snapshot.open(), snapshot.toString());
  }

  @Test
  void largeBodyThroughSmallWindows() throws Exception {
    server = Nghttpd.start(dir, null, "--window-bits=10", "--connection-window-bits=12");
    byte[] big = new byte[3 * 1024 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Files.write(server.www().resolve("big.bin"), big);
    HttpResponse response = h2c().fetch(url("/big.bin")).get(30, TimeUnit.SECONDS);
    assertEquals(ByteString.of(big), response.body());
  }

  @Test
  void trailersArriveAsTrailers() throws Exception {
    server = Nghttpd.start(dir, null, "--trailer=x-checksum: abc123");
    Files.writeString(server.www().resolve("a.txt"), "with trailers\n");
    HttpResponse response = h2c().fetch(url("/a.txt")).get(10, TimeUnit.SECONDS);
    assertEquals("with trailers\n", response.bodyString());
    assertEquals("abc123", response.trailers().get("x-checksum"));
  }

  @Test
  void uploadIsEchoed() throws Exception {
    server = Nghttpd.start(dir, null, "--echo-upload", "--window-bits=12");
    String body = "u".repeat(200_000);
    HttpRequest request = HttpRequest.newBuilder(url("/echo"))
        .method("POST", RequestBody.ofString(body, "text/plain")).build();
    HttpResponse response = h2c().fetch(request).get(20, TimeUnit.SECONDS);
    assertEquals(200, response.code());
    assertEquals(body, response.bodyString());
  }

  @Test
  void aStalledBodySinkHoldsBackOnlyItsOwnStream() throws Exception {
    server = Nghttpd.start(dir, null);
    int size = 6 * Http2ClientConnection.STREAM_WINDOW;
    Files.write(server.www().resolve("big.bin"), new byte[size]);
    Files.writeString(server.www().resolve("a.txt"), "small");
    AsyncHttpClient client = h2c();
    StalledSink stalled = new StalledSink();
    CompletableFuture<HttpResponse> big = client.fetch(HttpRequest.get(url("/big.bin")), stalled);
    stalled.awaitFirstChunk();
    for (int i = 0; i < 10; i++) {
      assertEquals("small", client.fetch(url("/a.txt")).get(10, TimeUnit.SECONDS).bodyString());
    }
    assertFalse(big.isDone());
    assertTrue(stalled.taken() <= Http2ClientConnection.STREAM_WINDOW,
        "the stalled stream got no more than its window: " + stalled.taken());
    stalled.release();
    assertEquals(200, big.get(20, TimeUnit.SECONDS).code());
    assertEquals(size, stalled.taken());
  }

  @Test
  void streamingProducerUploadWaitsForItsWrites() throws Exception {
    server = Nghttpd.start(dir, null, "--echo-upload", "--window-bits=14");
    String chunk = "p".repeat(10_000);
    HttpRequest request = HttpRequest.newBuilder(url("/echo")).method("POST",
        RequestBody.ofProducer(writer -> writeChunks(writer, chunk, 20), "text/plain")).build();
    HttpResponse response = h2c().fetch(request).get(20, TimeUnit.SECONDS);
    assertEquals(chunk.repeat(20), response.bodyString());
  }

  /** Writes {@code count} chunks, each once the previous one went out, then ends the body. */
  private static void writeChunks(BodyWriter writer, String chunk, int count) {
    if (count == 0) {
      writer.end();
      return;
    }
    writer.write(ByteString.encodeUtf8(chunk)).whenComplete((ignored, error) -> {
      if (error == null) {
        writeChunks(writer, chunk, count - 1);
      }
    });
  }

  @Test
  void missingFileIs404AndConnectionStays() throws Exception {
    server = Nghttpd.start(dir, null);
    Files.writeString(server.www().resolve("a.txt"), "a");
    AsyncHttpClient client = h2c();
    assertEquals(404, client.fetch(url("/none")).get(10, TimeUnit.SECONDS).code());
    HttpResponse second = client.fetch(url("/a.txt")).get(10, TimeUnit.SECONDS);
    assertEquals("a", second.bodyString());
    assertTrue(second.isConnectionReused());
  }
}

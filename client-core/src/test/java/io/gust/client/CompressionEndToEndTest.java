package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.HttpServer;
import io.gust.server.Response;
import io.gust.testing.Compressors;
import io.gust.testing.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** br and zstd bodies made by Debian's tools, served by the companion server, fetched by a client. */
@Timeout(60)
class CompressionEndToEndTest {
  private static final String TEXT = "compressed by a real tool\n".repeat(5000);

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  /** Compressed bodies by path, such as {@code /br}. */
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final CompletableFuture<String> acceptEncoding = new CompletableFuture<>();
  private HttpServer server;

  /** Serves {@code body} at {@code /CODING} with {@code Content-Encoding: CODING}. */
  private void serve(String path, byte[] body) {
    bodies.put(path, body);
    if (server == null) {
      server = HttpServer.builder().get(Pattern.compile("/.*"), request -> {
        acceptEncoding.complete(String.valueOf(request.header("Accept-Encoding")));
        String name = request.path();
        return Response.of(200, ByteString.of(bodies.get(name)), "text/plain")
            .withHeader("Content-Encoding", name.substring(1));
      }).build().start();
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void brAndZstdAreAskedForAndDecodedWhenTheClientAsks() throws Exception {
    serve("/br", Compressors.compress("br", bytes(TEXT)));
    serve("/zstd", Compressors.compress("zstd", bytes(TEXT)));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().decompress(ContentCoding.GZIP,
        ContentCoding.DEFLATE, ContentCoding.BR, ContentCoding.ZSTD).build());
    assertEquals(TEXT, await(client.fetch(server.url("/br").toString())).bodyString());
    assertEquals("gzip, deflate, br, zstd", acceptEncoding.get(5, TimeUnit.SECONDS));
    assertEquals(TEXT, await(client.fetch(server.url("/zstd").toString())).bodyString());
  }

  @Test
  void aClientThatDoesNotAskGetsTheBrBodyAsSent() throws Exception {
    byte[] compressed = Compressors.compress("br", bytes(TEXT));
    serve("/br", compressed);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.create());
    HttpResponse response = await(client.fetch(server.url("/br").toString()));
    assertEquals(ByteString.of(compressed), response.body());
    assertEquals("gzip, deflate", acceptEncoding.get(5, TimeUnit.SECONDS));
  }

  @Test
  void brAndZstdBombsAreCappedByMaxBodyBytes() throws Exception {
    serve("/zstd", Compressors.compress("zstd", new byte[16 << 20]));
    serve("/br", Compressors.compress("br", new byte[16 << 20]));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().maxBodyBytes(1 << 20)
        .decompress(ContentCoding.ZSTD, ContentCoding.BR).build());
    for (String path : List.of("/zstd", "/br")) {
      MessageTooLargeException e = assertInstanceOf(MessageTooLargeException.class,
          failure(client.fetch(server.url(path).toString())), path);
      assertEquals(MessageTooLargeException.Limit.DECODED_BODY_BYTES, e.limit(), path);
      assertTrue(bodies.get(path).length < 1 << 20, "a bomb: small on the wire");
    }
  }

  @Test
  void aTruncatedBrBodyIsTyped() throws Exception {
    byte[] compressed = Compressors.compress("br", bytes(TEXT));
    serve("/br", Arrays.copyOf(compressed, compressed.length / 2));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .decompress(ContentCoding.BR).build());
    assertInstanceOf(TruncatedBodyException.class,
        failure(client.fetch(server.url("/br").toString())));
  }

  @Test
  void aBrBodyDecodesInStreamedMode() throws Exception {
    serve("/br", Compressors.compress("br", bytes(TEXT)));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .decompress(ContentCoding.BR).build());
    Buffer streamed = new Buffer();
    HttpRequest request = HttpRequest.newBuilder(server.url("/br").toString()).bodyCallback(chunk -> {
      streamed.write(chunk);
      return null;
    }).build();
    HttpResponse response = await(client.fetch(request));
    assertEquals(0, response.body().size());
    assertEquals(TEXT, streamed.readUtf8());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> response) throws Exception {
    return response.get(20, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<HttpResponse> response) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> response.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof HttpClientException, String.valueOf(e.getCause()));
    return e.getCause();
  }
}

package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.client.Headers;
import io.gust.client.HttpResponse;
import io.gust.client.Protocol;
import io.gust.testing.LeakCheck;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trailer fields sent by a handler after a streamed body reach Gust's client the same way over
 * HTTP/1.1 (chunked trailer section) and h2c (a trailing HEADERS frame), behind a body larger
 * than the HTTP/2 windows too; forbidden names and bodies that cannot carry trailers are refused
 * at the call, leaving the body to be ended.
 */
@Timeout(60)
class ResponseTrailersEndToEndTest {
  /** A body larger than HTTP/2's initial windows, so its trailers wait for WINDOW_UPDATEs. */
  static final int LARGE = 200_000;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private HttpServer server;
  private final CompletableFuture<Throwable> refused = new CompletableFuture<>();
  private final CompletableFuture<Boolean> allowed = new CompletableFuture<>();

  /** Routes shared with the independent clients' test. */
  static HttpServer.Builder routes(CompletableFuture<Throwable> refused,
      CompletableFuture<Boolean> allowed) {
    return HttpServer.builder()
        .get("/trailers", request -> Response.streaming(200, writer ->
            writer.write(ByteString.encodeUtf8("part one\n")).thenRun(() ->
                writer.write(ByteString.encodeUtf8("part two\n")).thenRun(() ->
                    writer.close(Headers.of("X-Checksum", "abc123",
                        "Server-Timing", "total;dur=5"))))))
        .get("/large", request -> Response.streaming(200, writer ->
            writer.write(ByteString.of(new byte[LARGE])).thenRun(() ->
                writer.close(Headers.of("X-Length", Integer.toString(LARGE))))))
        .get("/forbidden", request -> Response.streaming(200, writer -> {
          try {
            writer.close(Headers.of("Content-Type", "text/plain"));
          } catch (IllegalArgumentException e) {
            refused.complete(e);
          }
          writer.write(ByteString.encodeUtf8("still open\n"))
              .thenRun(() -> writer.close(Headers.of("X-Ok", "1")));
        }))
        .get("/fixed", request -> Response.streaming(200, 5, writer -> {
          allowed.complete(writer.allowsTrailers());
          writer.write(ByteString.encodeUtf8("fixed")).thenRun(() -> {
            try {
              writer.close(Headers.of("X-Sum", "5"));
            } catch (IllegalStateException e) {
              refused.complete(e);
              writer.close();
            }
          });
        }));
  }

  @BeforeEach
  void start() {
    server = routes(refused, allowed).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse fetch(Protocol protocol, String path) throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().protocols(protocol).build());
    HttpResponse response = client.fetch(server.url(path).toString()).get(20, TimeUnit.SECONDS);
    assertEquals(protocol, response.protocol());
    return response;
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"HTTP_1_1", "HTTP_2"})
  void trailersFollowAStreamedBodyOverBothProtocols(Protocol protocol) throws Exception {
    HttpResponse response = fetch(protocol, "/trailers");
    assertEquals("part one\npart two\n", response.bodyString());
    assertEquals("abc123", response.trailers().get("x-checksum"));
    assertEquals("total;dur=5", response.trailers().get("server-timing"));
    assertEquals(2, response.trailers().size(), response.trailers().toString());
    assertEquals(null, response.headers().get("x-checksum"), "trailers stay out of the head");
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"HTTP_1_1", "HTTP_2"})
  void trailersWaitForABodyLargerThanTheWindows(Protocol protocol) throws Exception {
    HttpResponse response = fetch(protocol, "/large");
    assertEquals(LARGE, response.body().size());
    assertEquals(Integer.toString(LARGE), response.trailers().get("x-length"));
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"HTTP_1_1", "HTTP_2"})
  void aForbiddenTrailerIsRefusedAndTheBodyStaysOpen(Protocol protocol) throws Exception {
    HttpResponse response = fetch(protocol, "/forbidden");
    assertEquals("still open\n", response.bodyString());
    assertEquals(Headers.of("x-ok", "1"), lowerCase(response.trailers()));
    Throwable error = refused.get(5, TimeUnit.SECONDS);
    assertInstanceOf(IllegalArgumentException.class, error);
    assertTrue(error.getMessage().contains("Content-Type"), error.getMessage());
  }

  @Test
  void aFixedLengthBodyOverHttp11CannotCarryTrailers() throws Exception {
    HttpResponse response = fetch(Protocol.HTTP_1_1, "/fixed");
    assertEquals("fixed", response.bodyString());
    assertEquals("5", response.headers().get("Content-Length"));
    assertEquals(0, response.trailers().size());
    assertFalse(allowed.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, refused.get(5, TimeUnit.SECONDS));
  }

  @Test
  void aFixedLengthBodyOverHttp2CarriesTrailers() throws Exception {
    HttpResponse response = fetch(Protocol.HTTP_2, "/fixed");
    assertEquals("fixed", response.bodyString());
    assertEquals("5", response.headers().get("content-length"));
    assertEquals("5", response.trailers().get("x-sum"));
    assertTrue(allowed.get(5, TimeUnit.SECONDS));
    assertFalse(refused.isDone());
  }

  private static Headers lowerCase(Headers headers) {
    Headers.Builder builder = new Headers.Builder();
    for (int i = 0; i < headers.size(); i++) {
      builder.add(headers.name(i).toLowerCase(java.util.Locale.ROOT), headers.value(i));
    }
    return builder.build();
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.http.ResponseHead;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpResponseTest {
  private static String bodyString(String contentType, ByteString body) {
    return HttpResponse.newBuilder().code(200).headers(Headers.of("Content-Type", contentType))
        .body(body).build().bodyString();
  }

  @Test
  void defaultsToAnEmptyHttp11ResponseWithTheStandardReason() {
    HttpResponse response = HttpResponse.newBuilder().code(404).build();
    assertEquals("Not Found", response.reason());
    assertEquals(Protocol.HTTP_1_1, response.protocol());
    assertEquals(ByteString.EMPTY, response.body());
    assertEquals(Headers.empty(), response.trailers());
    assertSame(Timings.none(), response.timings());
    assertNull(response.request());
    assertNull(response.effectiveUri());
    assertFalse(response.isSuccessful());
  }

  @Test
  void requiresACodeInRange() {
    assertThrows(IllegalStateException.class, () -> HttpResponse.newBuilder().build());
    assertThrows(IllegalArgumentException.class, () -> HttpResponse.newBuilder().code(99));
    assertThrows(IllegalArgumentException.class, () -> HttpResponse.newBuilder().code(1000));
    assertThrows(IllegalArgumentException.class, () -> HttpResponse.newBuilder().code(200).reason("a\r\nb"));
  }

  @Test
  void successfulMeans2xx() {
    assertTrue(HttpResponse.newBuilder().code(204).build().isSuccessful());
    assertFalse(HttpResponse.newBuilder().code(199).build().isSuccessful());
    assertFalse(HttpResponse.newBuilder().code(300).build().isSuccessful());
  }

  @Test
  void bodyStringUsesTheContentTypeCharset() {
    String text = "caf\u00e9";
    assertEquals(text, bodyString("text/plain; charset=ISO-8859-1", ByteString.encodeString(text, StandardCharsets.ISO_8859_1)));
    assertEquals(text, bodyString("text/plain;charset=\"utf-16be\"", ByteString.encodeString(text, StandardCharsets.UTF_16BE)));
    assertEquals(text, bodyString("text/html; q=1; CHARSET=latin1", ByteString.encodeString(text, StandardCharsets.ISO_8859_1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "text/plain; charset=no-such-charset", "text/plain; charset=", "text/plain; charset=\"\"", "text/plain; charset=bad name!"})
  void bodyStringFallsBackToUtf8(String contentType) {
    assertEquals("caf\u00e9", bodyString(contentType, ByteString.encodeUtf8("caf\u00e9")));
  }

  @Test
  void bodyStringWithoutContentTypeIsUtf8() {
    assertEquals("\u20ac", HttpResponse.newBuilder().code(200).body(ByteString.encodeUtf8("\u20ac")).build().bodyString());
  }

  @Test
  void takesItsHeadFromAParsedHead() {
    ResponseHead head = new ResponseHead(Protocol.HTTP_1_0, 201, "", Headers.of("Location", "/x"));
    HttpResponse response = HttpResponse.newBuilder().head(head).build();
    assertEquals(201, response.code());
    assertEquals("", response.reason());
    assertEquals(Protocol.HTTP_1_0, response.protocol());
    assertEquals("/x", response.header("location"));
  }

  @Test
  void effectiveUriDefaultsToTheRequestUri() {
    HttpRequest request = HttpRequest.get("http://h/a");
    HttpResponse response = HttpResponse.newBuilder().code(200).request(request).build();
    assertEquals(request.uri(), response.effectiveUri());
    URI moved = URI.create("http://h/b");
    assertEquals(moved, response.toBuilder().effectiveUri(moved).build().effectiveUri());
  }

  @Test
  void toBuilderCopiesEverything() {
    Timings timings = Timings.newBuilder().totalNanos(5).build();
    HttpResponse hop = HttpResponse.newBuilder().code(302).build();
    HttpResponse original = HttpResponse.newBuilder().code(200).reason("Fine").headers(Headers.of("A", "1"))
        .trailers(Headers.of("T", "2")).body(ByteString.encodeUtf8("x")).timings(timings)
        .connectionReused(true).redirectCount(2).retryCount(1).previous(hop).build();
    HttpResponse copy = original.toBuilder().build();
    assertEquals("Fine", copy.reason());
    assertEquals(original.headers(), copy.headers());
    assertEquals(original.trailers(), copy.trailers());
    assertEquals(original.body(), copy.body());
    assertSame(timings, copy.timings());
    assertTrue(copy.isConnectionReused());
    assertEquals(2, copy.redirectCount());
    assertEquals(1, copy.retryCount());
    assertSame(hop, copy.previous());
  }

  @Test
  void toStringShowsCodeReasonAndUriWithoutQuery() {
    HttpRequest request = HttpRequest.get("https://h/p?secret=1");
    assertEquals("HttpResponse{200 OK https://h:443/p}",
        HttpResponse.newBuilder().code(200).request(request).build().toString());
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpRequestTest {
  private static HttpRequest get(String url) {
    return HttpRequest.get(url);
  }

  @Test
  void getBuildsAGetWithoutBodyOrHeaders() {
    HttpRequest request = get("http://example.com/a");
    assertEquals("GET", request.method());
    assertEquals(URI.create("http://example.com/a"), request.uri());
    assertNull(request.body());
    assertEquals(Headers.empty(), request.headers());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://h/a b", "http://h/a\r\nb", "http://h/a\nHost: evil", "http://h/\u0000",
      "http://h/\t", "http://h/?q=\u007f", " http://h/", "http://h/#a b"})
  void rejectsUrlsWithWhitespaceOrControlCharacters(String url) {
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder(url));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder(url));
  }

  @Test
  void percentEncodesControlCharactersGivenToUriComponents() throws Exception {
    URI uri = new URI("http", "h", "/a\r\nb", null);
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    assertEquals("/a%0D%0Ab", request.requestTarget());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://h/x", "file:///etc/passwd", "mailto:a@b.c", "/relative", "//h/x", "ws://h/"})
  void rejectsSchemesOtherThanHttpAndHttps(String url) {
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http:///path", "http:opaque", "http://", "https://@/x"})
  void rejectsUrlsWithoutHost(String url) {
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder(url));
  }

  @Test
  void acceptsSchemesInAnyCase() {
    assertTrue(get("HTTPS://Example.com/").isHttps());
    assertEquals(443, get("HTTPS://Example.com/").port());
    assertFalse(get("Http://example.com/").isHttps());
  }

  @ParameterizedTest
  @CsvSource({
      "http://h, /",
      "http://h?x=1, /?x=1",
      "http://h/a%20b?q=%2F&r#frag, /a%20b?q=%2F&r",
      "http://h/a/../b/, /a/../b/",
      "http://h/p?, /p?",
      "http://h/caf\u00e9?q=\u00fc, /caf%C3%A9?q=%C3%BC"})
  void requestTargetIsTheRawPathAndQuery(String url, String target) {
    assertEquals(target, get(url).requestTarget());
  }

  @ParameterizedTest
  @CsvSource({
      "http://h:80/, h, 80, h",
      "https://h:443, h, 443, h",
      "http://h:8080/, h, 8080, h:8080",
      "https://h:80/, h, 80, h:80",
      "http://[::1]:8080/, ::1, 8080, [::1]:8080",
      "https://[2001:db8::1]/, 2001:db8::1, 443, [2001:db8::1]",
      "http://my_service:9000/x, my_service, 9000, my_service:9000",
      "http://my_service/x, my_service, 80, my_service"})
  void resolvesHostPortAndHostHeader(String url, String host, int port, String hostHeader) {
    HttpRequest request = get(url);
    assertEquals(host, request.host());
    assertEquals(port, request.port());
    assertEquals(hostHeader, request.hostHeader());
  }

  @Test
  void turnsUserInfoIntoBasicAuthAndDropsItFromTheUri() {
    HttpRequest request = get("http://user:p%40ss@h:8080/x?q=1");
    assertEquals("Basic " + okio.ByteString.encodeUtf8("user:p@ss").base64(), request.headers().get("Authorization"));
    assertEquals(URI.create("http://h:8080/x?q=1"), request.uri());
    assertFalse(request.toString().contains("p%40ss"));
  }

  @Test
  void explicitAuthorizationWinsOverUserInfo() {
    HttpRequest request = HttpRequest.newBuilder("http://user:pw@h/").header("Authorization", "Bearer t").build();
    assertEquals("Bearer t", request.headers().get("Authorization"));
    assertEquals(URI.create("http://h/"), request.uri());
  }

  @Test
  void basicAuthEncodesUtf8AsRfc7617Shows() {
    assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        HttpRequest.newBuilder("http://h/").basicAuth("Aladdin", "open sesame").build().headers().get("Authorization"));
    assertEquals("Basic dGVzdDoxMjPCow==",
        HttpRequest.newBuilder("http://h/").basicAuth("test", "123\u00a3").build().headers().get("Authorization"));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h/").basicAuth("a:b", "c"));
  }

  @Test
  void rejectsControlCharactersInHeaderNamesAndValues() {
    HttpRequest.Builder builder = HttpRequest.newBuilder("http://h/");
    assertThrows(IllegalArgumentException.class, () -> builder.header("X", "a\r\nInjected: 1"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("X", "a\u0000"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("X\r\n", "a"));
    assertThrows(IllegalArgumentException.class, () -> builder.setHeader("X Y", "a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\r\n", "\u0000"})
  void refusesCrLfAndNulInjectedIntoMethodHeadersAndUrl(String bad) {
    HttpRequest.Builder builder = HttpRequest.newBuilder("http://h/");
    assertThrows(IllegalArgumentException.class, () -> builder.method("GET" + bad, null));
    assertThrows(IllegalArgumentException.class, () -> builder.method(bad + "GET", null));
    assertThrows(IllegalArgumentException.class, () -> builder.header("X" + bad, "a"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("X", "a" + bad + "Y: 1"));
    assertThrows(IllegalArgumentException.class, () -> builder.setHeader("X", bad));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("X", "a" + bad));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h/a" + bad));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h" + bad + "/"));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h/?q=" + bad));
    assertEquals(Headers.empty(), builder.build().headers());
  }

  @Test
  void headerAddsSetHeaderReplacesRemoveHeaderRemoves() {
    HttpRequest request = HttpRequest.newBuilder("http://h/").header("A", "1").header("a", "2").header("B", "3")
        .setHeader("B", "4").removeHeader("C").build();
    assertEquals(Headers.of("A", "1", "a", "2", "B", "4"), request.headers());
    assertEquals(Headers.of("Z", "9"),
        request.newBuilder().headers(Headers.of("Z", "9")).build().headers());
  }

  @Test
  void methodsTakeAnyTokenWithBodyRules() {
    RequestBody body = RequestBody.of(new byte[] {1});
    assertEquals("PROPFIND", HttpRequest.newBuilder("http://h/").method("PROPFIND", null).build().method());
    assertEquals("POST", HttpRequest.newBuilder("http://h/").post(body).build().method());
    assertSame(body, HttpRequest.newBuilder("http://h/").put(body).build().body());
    assertEquals("HEAD", HttpRequest.newBuilder("http://h/").head().build().method());
    assertEquals("DELETE", HttpRequest.newBuilder("http://h/").delete().build().method());
    assertEquals("OPTIONS", HttpRequest.newBuilder("http://h/").method("OPTIONS", null).build().method());
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h/").method("G T", null));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h/").method("", null));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h/").method("POST", null));
    assertThrows(IllegalArgumentException.class, () -> HttpRequest.newBuilder("http://h/").method("TRACE", body));
    assertThrows(NullPointerException.class, () -> HttpRequest.newBuilder("http://h/").post(null));
  }

  @Test
  void unsetOptionsAreNullMeaningTheClientDefault() {
    HttpRequest request = get("http://h/");
    assertNull(request.connectTimeout());
    assertNull(request.requestTimeout());
    assertNull(request.readTimeout());
    assertNull(request.followRedirects());
    assertNull(request.maxRedirects());
    assertNull(request.decompress());
    assertNull(request.raiseError());
    assertNull(request.expectContinue());
    assertNull(request.headerCallback());
    assertNull(request.bodyCallback());
    assertNull(request.progressListener());
  }

  @Test
  void optionsAreKeptAndCopiedByNewBuilder() {
    HeaderCallback onHeaders = head -> { };
    BodyChunkCallback onChunk = chunk -> null;
    ProgressListener onProgress = (sent, sendTotal, received, receiveTotal) -> { };
    HttpRequest request = HttpRequest.newBuilder("http://h/").connectTimeout(Duration.ofSeconds(1))
        .requestTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3)).followRedirects(true)
        .maxRedirects(4).decompress(false).raiseError(true).expectContinue(true).headerCallback(onHeaders)
        .bodyCallback(onChunk).progressListener(onProgress).build();
    HttpRequest copy = request.newBuilder().uri(URI.create("https://other/")).build();
    for (HttpRequest r : new HttpRequest[] {request, copy}) {
      assertEquals(Duration.ofSeconds(1), r.connectTimeout());
      assertEquals(Duration.ofSeconds(2), r.requestTimeout());
      assertEquals(Duration.ofSeconds(3), r.readTimeout());
      assertEquals(true, r.followRedirects());
      assertEquals(4, r.maxRedirects());
      assertEquals(false, r.decompress());
      assertEquals(true, r.raiseError());
      assertEquals(true, r.expectContinue());
      assertSame(onHeaders, r.headerCallback());
      assertSame(onChunk, r.bodyCallback());
      assertSame(onProgress, r.progressListener());
    }
    assertEquals("other", copy.host());
  }

  @Test
  void rejectsNonPositiveTimeoutsAndNegativeRedirectLimits() {
    HttpRequest.Builder builder = HttpRequest.newBuilder("http://h/");
    assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.readTimeout(Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> builder.requestTimeout(null));
    assertThrows(IllegalArgumentException.class, () -> builder.maxRedirects(-1));
  }

  @Test
  void builtRequestsDoNotChangeWithTheirBuilder() {
    HttpRequest.Builder builder = HttpRequest.newBuilder("http://h/").header("A", "1");
    HttpRequest first = builder.build();
    builder.header("B", "2").connectTimeout(Duration.ofSeconds(1));
    assertEquals(1, first.headers().size());
    assertNull(first.connectTimeout());
  }

  @Test
  void toStringLeavesOutQueryAndCredentials() {
    String text = get("http://u:secret@h/p?token=secret").toString();
    assertEquals("HttpRequest{GET http://h:80/p}", text);
  }
}

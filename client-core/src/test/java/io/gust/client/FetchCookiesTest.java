package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetchCookiesTest {
  private final MemoryCookieJar jar = MemoryCookieJar.create();
  private final FetchCookies cookies = new FetchCookies(jar);

  @Test
  void aRequestCarriedOverIsMergedAfreshFromTheApplicationsPart() throws Exception {
    HttpRequest first = HttpRequest.newBuilder("http://example.com/").header("Cookie", "mine=0")
        .build();
    jar.save(first.uri(), List.of("gone=1", "keep=k"));
    HttpRequest sent = cookies.beforeSend(first);
    assertEquals("mine=0; gone=1; keep=k", sent.headers().get("Cookie"));
    cookies.received(CookieFieldsTest.response(sent, "gone=; Max-Age=0", "keep=k2"));
    HttpRequest retry = cookies.beforeSend(sent);
    assertEquals("mine=0; keep=k2", retry.headers().get("Cookie"), "the dropped cookie is gone");
  }

  @Test
  void aFieldChangedSinceItWentOutIsTheApplicationsOwn() throws Exception {
    HttpRequest sent = cookies.beforeSend(HttpRequest.newBuilder("http://example.com/")
        .header("Cookie", "a=1").build());
    HttpRequest edited = sent.newBuilder().setHeader("Cookie", "b=2").build();
    assertSame(edited, cookies.beforeSend(edited));
  }

  @Test
  void noCookieFieldWhenNeitherHasAny() throws Exception {
    HttpRequest request = HttpRequest.get("http://example.com/");
    assertSame(request, cookies.beforeSend(request));
    assertNull(cookies.beforeSend(request).headers().get("Cookie"));
  }

  @Test
  void aJarThatThrowsBecomesATypedFailure() {
    CookieJar broken = new CookieJar() {
      @Override
      public List<Cookie> cookiesFor(URI uri) {
        throw new IllegalStateException("broken");
      }

      @Override
      public void save(URI uri, List<String> fields) {
        throw new IllegalStateException("broken");
      }
    };
    FetchCookies failing = new FetchCookies(broken);
    HttpRequest request = HttpRequest.get("http://example.com/");
    assertEquals(Phase.QUEUE, assertThrows(HttpClientException.class,
        () -> failing.beforeSend(request)).phase());
    assertEquals(Phase.HEADERS, assertThrows(HttpClientException.class,
        () -> failing.received(CookieFieldsTest.response(request, "a=1"))).phase());
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedirectsTest {
  private static HttpResponse redirect(int code, String location) {
    return HttpResponse.newBuilder().code(code).headers(Headers.of("Location", location)).build();
  }

  private static HttpRequest post() {
    return HttpRequest.newBuilder("http://a.test/form")
        .post(RequestBody.ofString("x", "text/plain")).header("Cookie", "c=1").build();
  }

  @Test
  void movedAfterPostBecomesGetWithoutBody() throws Exception {
    HttpRequest next = Redirects.next(post(), redirect(301, "/next"));
    assertEquals("GET", next.method());
    assertNull(next.body());
    assertEquals("http://a.test/next", next.uri().toString());
  }

  @Test
  void permanentRedirectKeepsPost() throws Exception {
    HttpRequest next = Redirects.next(post(), redirect(308, "/next"));
    assertEquals("POST", next.method());
    assertEquals("x", next.body().bytes().utf8());
  }

  @Test
  void headStaysHeadAfterSeeOther() throws Exception {
    HttpRequest head = HttpRequest.newBuilder("http://a.test/").head().build();
    assertEquals("HEAD", Redirects.next(head, redirect(303, "/b")).method());
  }

  @Test
  void otherPortIsAnotherOrigin() throws Exception {
    assertNull(Redirects.next(post(), redirect(307, "http://a.test:8080/")).headers().get("Cookie"));
    assertEquals("c=1", Redirects.next(post(), redirect(307, "http://a.test:80/")).headers()
        .get("Cookie"));
  }

  @Test
  void streamedBodyIsNotReplayedSoTheRedirectIsNotFollowed() {
    HttpRequest streamed = HttpRequest.newBuilder("http://a.test/")
        .post(RequestBody.ofProducer(writer -> writer.end(), null)).build();
    assertFalse(Redirects.isFollowable(streamed, 307, Headers.of("Location", "/x")));
    assertTrue(Redirects.isFollowable(streamed, 303, Headers.of("Location", "/x")));
    assertFalse(Redirects.isFollowable(streamed, 303, Headers.empty()));
  }

  @Test
  void malformedLocationFailsTyped() {
    assertThrows(HttpProtocolException.class,
        () -> Redirects.next(post(), redirect(302, "http://bad host/")));
    assertThrows(HttpProtocolException.class,
        () -> Redirects.next(post(), redirect(302, "mailto:a@b.test")));
  }

  @Test
  void idempotentMethodsAreTheRfcOnes() {
    for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}) {
      assertTrue(Redirects.isIdempotent(method), method);
    }
    assertFalse(Redirects.isIdempotent("POST"));
    assertFalse(Redirects.isIdempotent("PATCH"));
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CookieFieldsTest {
  private final MemoryCookieJar jar = MemoryCookieJar.create();

  static HttpResponse response(HttpRequest request, String... setCookies) {
    Headers.Builder headers = new Headers.Builder();
    for (String field : setCookies) {
      headers.add("Set-Cookie", field);
    }
    return HttpResponse.newBuilder().code(200).headers(headers.build()).request(request).build();
  }

  @Test
  void savesFromTheRequestUriAndSendsBack() {
    HttpRequest login = HttpRequest.get("https://api.example.com/login/form");
    CookieFields.save(jar, response(login, "sid=1; Secure; Path=/", "step=2"));
    HttpRequest next = CookieFields.withCookies(jar,
        HttpRequest.get("https://api.example.com/login/next"));
    assertEquals("step=2; sid=1", next.headers().get("Cookie"), "step has the longer path /login");
    assertEquals(1, next.headers().values("Cookie").size(), "one Cookie field");
  }

  @Test
  void keepsTheApplicationsOwnCookiesFirst() {
    CookieFields.save(jar, response(HttpRequest.get("http://example.com/"), "a=1"));
    HttpRequest mine = HttpRequest.newBuilder("http://example.com/").header("Cookie", "mine=0").build();
    assertEquals("mine=0; a=1", CookieFields.withCookies(jar, mine).headers().get("Cookie"));
  }

  @Test
  void theApplicationsOwnPairWinsOverTheJarsOfTheSameName() {
    CookieFields.save(jar, response(HttpRequest.get("http://example.com/"), "a=jar", "b=2"));
    HttpRequest mine = HttpRequest.newBuilder("http://example.com/").header("Cookie", "a=mine")
        .header("Cookie", "c=3").build();
    assertEquals("a=mine; c=3; b=2", CookieFields.withCookies(jar, mine).headers().get("Cookie"));
  }

  @Test
  void leavesTheRequestAloneWhenTheJarHasNothing() {
    HttpRequest request = HttpRequest.get("http://example.com/");
    CookieFields.save(jar, response(request));
    assertSame(request, CookieFields.withCookies(jar, request));
  }
}

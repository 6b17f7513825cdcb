package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Httpbin;
import io.gust.testing.LeakCheck;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Authentication and cookies in the fetch flow against a real httpbin under gunicorn: each fetch
 * answers its own challenges through the client's authenticator and keeps cookies in the client's
 * jar. Two origins are the two loopback names of the same httpbin.
 */
@Timeout(60)
class HttpbinDigestEndToEndTest {
  private static Httpbin httpbin;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final MemoryCookieJar jar = MemoryCookieJar.create();

  @BeforeAll
  static void startHttpbin() throws Exception {
    httpbin = Httpbin.start();
  }

  @AfterAll
  static void stopHttpbin() throws Exception {
    if (httpbin != null) {
      httpbin.close();
    }
  }

  private AsyncHttpClient client(Authenticator authenticator) {
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder().cookieJar(jar);
    return leaks.track((authenticator == null ? builder : builder.authenticator(authenticator))
        .build());
  }

  private static HttpResponse fetch(AsyncHttpClient client, String url) throws Exception {
    return HttpsEndToEndTest.await(client.fetch(url));
  }

  private static String compact(HttpResponse response) {
    return response.bodyString().replace(" ", "");
  }

  @ParameterizedTest
  @CsvSource({"auth,MD5", "auth,SHA-256", "auth-int,MD5", "auth-int,SHA-256"})
  void digestIsAnsweredInOneFetch(String qop, String algorithm) throws Exception {
    AsyncHttpClient client = client(Authenticator.credentials("user", "passwd"));
    HttpResponse ok = fetch(client, httpbin.url("/digest-auth/" + qop + "/user/passwd/"
        + algorithm));
    assertEquals(200, ok.code(), ok.bodyString());
    assertTrue(compact(ok).contains("\"authenticated\":true"), ok.bodyString());
    assertTrue(ok.request().headers().get("Authorization").contains("qop=" + qop));
  }

  @Test
  void wrongPasswordEndsWithTheSecond401() throws Exception {
    AsyncHttpClient client = client(Authenticator.digest("user", "wrong"));
    assertEquals(401, fetch(client, httpbin.url("/digest-auth/auth/user/passwd/SHA-256")).code());
  }

  @Test
  void staleNonceIsRenewed() throws Exception {
    AsyncHttpClient client = client(Authenticator.digest("user", "passwd"));
    String url = httpbin.url("/digest-auth/auth/user/passwd/MD5/1");
    HttpResponse first = fetch(client, url);
    assertEquals(200, first.code());
    HttpRequest replay = HttpRequest.newBuilder(url)
        .header("Authorization", first.request().headers().get("Authorization")).build();
    HttpResponse renewed = HttpsEndToEndTest.await(client.fetch(replay));
    assertEquals(200, renewed.code(), "httpbin called the old nonce stale; a new one was used");
  }

  @Test
  void basicIsAnsweredAndHiddenBasicTakesUrlCredentials() throws Exception {
    AsyncHttpClient client = client(Authenticator.credentials("user", "p\u00e4ss"));
    assertEquals(200, fetch(client, httpbin.url("/basic-auth/user/p%C3%A4ss")).code());
    AsyncHttpClient decomposed = client(Authenticator.basic("e\u0301", "pw"));
    assertEquals(200, fetch(decomposed, httpbin.url("/basic-auth/%C3%A9/pw")).code(),
        "a decomposed user name is sent NFC-normalised (RFC 7617), which httpbin takes as é");
    AsyncHttpClient plain = client(null);
    assertEquals(404, fetch(plain, httpbin.url("/hidden-basic-auth/user/passwd")).code());
    String withCredentials = httpbin.url("/hidden-basic-auth/user/passwd")
        .replace("http://", "http://user:passwd@");
    assertEquals(200, fetch(plain, withCredentials).code());
  }

  @Test
  void cookiesSetOnARedirectAreSentToItsTarget() throws Exception {
    AsyncHttpClient client = client(null);
    HttpResponse cookies = fetch(client, httpbin.url("/cookies/set?k1=v1&k2=v2"));
    assertEquals(1, cookies.redirectCount());
    String seen = compact(cookies);
    assertTrue(seen.contains("\"k1\":\"v1\"") && seen.contains("\"k2\":\"v2\""), seen);
    fetch(client, httpbin.url("/cookies/delete?k1"));
    assertEquals(List.of("k2"), jar.cookiesFor(URI.create(httpbin.url("/"))).stream()
        .map(Cookie::name).toList());
    String viaRedirect = compact(fetch(client, httpbin.url("/redirect-to?url=/cookies")));
    assertTrue(viaRedirect.contains("\"k2\":\"v2\"") && !viaRedirect.contains("k1"), viaRedirect);
  }

  @Test
  void credentialsAndCookiesStayWithTheirOrigin() throws Exception {
    AsyncHttpClient client = client(null);
    fetch(client, httpbin.url("/cookies/set?sid=1"));
    String origin = httpbin.url("").replace("http://", "http://user:passwd@");
    String same = compact(fetch(client, origin + "/redirect-to?url=/headers"));
    assertTrue(same.contains("\"Authorization\":\"Basic") && same.contains("sid=1"), same);
    String other = httpbin.url("/headers").replace("127.0.0.1", "localhost");
    String away = compact(fetch(client, origin + "/redirect-to?url=" + other));
    assertTrue(away.contains("\"Host\":\"localhost:"), away);
    assertFalse(away.contains("Authorization") || away.contains("sid=1"), away);
  }
}

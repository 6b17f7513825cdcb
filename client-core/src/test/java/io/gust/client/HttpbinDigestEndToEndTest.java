package io.gust.client;

import static io.gust.client.PasswordAuthenticatorTest.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * Digest (and Basic) against a real httpbin under gunicorn. The client does not call
 * authenticators yet, so each test fetches, hands the 401 to the authenticator, and fetches the
 * request it returns. httpbin's cookies travel through a {@link MemoryCookieJar} the same way.
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

  /** Fetches with the jar's cookies and saves the response's. */
  private HttpResponse fetch(AsyncHttpClient client, HttpRequest request) throws Exception {
    HttpResponse response = HttpsEndToEndTest.await(
        client.fetch(CookieFields.withCookies(jar, request)));
    CookieFields.save(jar, response);
    return response;
  }

  @ParameterizedTest
  @CsvSource({"auth,MD5", "auth,SHA-256", "auth-int,MD5", "auth-int,SHA-256"})
  void digestIsAcceptedByHttpbin(String qop, String algorithm) throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
    String url = httpbin.url("/digest-auth/" + qop + "/user/passwd/" + algorithm);
    HttpResponse challenge = fetch(client, HttpRequest.get(url));
    assertEquals(401, challenge.code());
    HttpRequest retry = answer(Authenticator.credentials("user", "passwd"), challenge, 1);
    assertTrue(retry.headers().get("Authorization").contains("qop=" + qop));
    HttpResponse ok = fetch(client, retry);
    assertEquals(200, ok.code(), ok.bodyString());
    assertTrue(ok.bodyString().replace(" ", "").contains("\"authenticated\":true"),
        ok.bodyString());
  }

  @Test
  void wrongPasswordIsRefusedAndTheAuthenticatorGivesUp() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
    String url = httpbin.url("/digest-auth/auth/user/passwd/SHA-256");
    Authenticator wrong = Authenticator.digest("user", "wrong");
    HttpResponse challenge = fetch(client, HttpRequest.get(url));
    HttpResponse refused = fetch(client, answer(wrong, challenge, 1));
    assertEquals(401, refused.code());
    assertNull(answer(wrong, refused, 2));
  }

  @Test
  void staleNonceIsRetriedWithoutGivingUp() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
    String url = httpbin.url("/digest-auth/auth/user/passwd/MD5/1");
    Authenticator digest = Authenticator.digest("user", "passwd");
    HttpRequest authorized = answer(digest, fetch(client, HttpRequest.get(url)), 1);
    assertEquals(200, fetch(client, authorized).code());
    HttpResponse stale = fetch(client, authorized);
    assertEquals(401, stale.code(), "httpbin now calls the nonce stale");
    assertTrue(stale.header("WWW-Authenticate").toLowerCase().contains("stale=true"));
    HttpRequest renewed = answer(digest, stale, 2);
    assertEquals(200, fetch(client, renewed).code());
  }

  @Test
  void basicIsAcceptedByHttpbin() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
    HttpResponse challenge = fetch(client,
        HttpRequest.get(httpbin.url("/basic-auth/user/p%C3%A4ss")));
    assertEquals(401, challenge.code());
    HttpResponse ok = fetch(client, answer(Authenticator.credentials("user", "p\u00e4ss"),
        challenge, 1));
    assertEquals(200, ok.code(), ok.bodyString());
  }

  @Test
  void cookiesSetByHttpbinComeBack() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
    fetch(client, HttpRequest.newBuilder(httpbin.url("/cookies/set?k1=v1&k2=v2")).followRedirects(false)
        .build());
    HttpResponse cookies = fetch(client, HttpRequest.get(httpbin.url("/cookies")));
    String seen = cookies.bodyString().replace(" ", "");
    assertTrue(seen.contains("\"k1\":\"v1\"") && seen.contains("\"k2\":\"v2\""), seen);
    fetch(client, HttpRequest.newBuilder(httpbin.url("/cookies/delete?k1")).followRedirects(false)
        .build());
    assertEquals(List.of("k2"), jar.cookiesFor(URI.create(httpbin.url("/"))).stream()
        .map(Cookie::name).toList());
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class PasswordAuthenticatorTest {
  private static final HttpRequest GET = HttpRequest.get("http://example.com/dir/a?b=1");

  private static HttpResponse challenged(int code, HttpRequest request, String... challenges) {
    Headers.Builder headers = new Headers.Builder();
    for (String challenge : challenges) {
      headers.add(code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate", challenge);
    }
    return HttpResponse.newBuilder().code(code).headers(headers.build()).request(request).build();
  }

  /** The authenticator's answer to a 401 or 407 with the challenges of its fields; blocks. */
  static HttpRequest answer(Authenticator authenticator, HttpResponse response, int attempt) {
    String field = response.code() == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
    return authenticator.authenticate(response,
        AuthChallenge.parseAll(response.headers(), field), attempt).toCompletableFuture().join();
  }

  private static Map<String, String> digestParams(String authorization) {
    return AuthChallenge.parse(authorization).get(0).params();
  }

  @Test
  void basicIsUtf8WithNfcNormalisedCredentials() {
    HttpRequest retry = answer(Authenticator.basic("Ame\u0301lie", "pa\u0301ss"),
        challenged(401, GET, "Basic realm=\"r\", charset=\"UTF-8\""), 1);
    String expected = "Basic " + ByteString.encodeUtf8("Am\u00e9lie:p\u00e1ss").base64();
    assertEquals(expected, retry.headers().get("Authorization"));
    assertEquals(expected, HttpRequest.newBuilder("http://x/").basicAuth("Ame\u0301lie", "pa\u0301ss")
        .build().headers().get("Authorization"), "HttpRequest's basicAuth normalises too");
  }

  @Test
  void proxyChallengesAreAnsweredInProxyAuthorization() {
    HttpRequest retry = answer(Authenticator.basic("u", "p"),
        challenged(407, GET, "Basic realm=\"proxy\""), 1);
    assertEquals("Basic dTpw", retry.headers().get("Proxy-Authorization"));
    assertNull(retry.headers().get("Authorization"), "origin credentials are not touched");
  }

  @Test
  void choosesTheStrongestChallenge() {
    HttpResponse response = challenged(401, GET,
        "Basic realm=\"r\"",
        "Digest realm=\"r\", nonce=\"1\", qop=auth, algorithm=MD5, "
            + "Digest realm=\"r\", nonce=\"2\", qop=auth, algorithm=SHA-512-256-sess",
        "Digest realm=\"r\", nonce=\"3\", qop=auth, algorithm=SHA-256",
        "Digest realm=\"r\", nonce=\"4\", qop=auth, algorithm=SHA-1");
    Map<String, String> sent = digestParams(
        answer(Authenticator.credentials("u", "p"), response, 1).headers().get("Authorization"));
    assertEquals("SHA-512-256-sess", sent.get("algorithm"));
    assertEquals("2", sent.get("nonce"));
    assertTrue(answer(Authenticator.basic("u", "p"), response, 1).headers().get("Authorization")
        .startsWith("Basic "));
  }

  @Test
  void basicIsTheFallbackWhenNoDigestChallengeIsUsable() {
    HttpResponse response = challenged(401, GET, "Digest realm=\"r\", nonce=\"1\", algorithm=SHA-1",
        "Basic realm=\"r\"");
    assertTrue(answer(Authenticator.credentials("u", "p"), response, 1).headers()
        .get("Authorization").startsWith("Basic "));
    assertNull(answer(Authenticator.digest("u", "p"), response, 1));
    assertNull(answer(Authenticator.basic("u", "p"), challenged(401, GET, "Bearer"), 1));
  }

  @Test
  void givesUpWhenTheRetryIsChallengedAgain() {
    HttpResponse response = challenged(401, GET, "Digest realm=\"r\", nonce=\"1\", qop=auth");
    assertNull(answer(Authenticator.digest("u", "p"), response, 2));
    assertNull(answer(Authenticator.basic("u", "p"), challenged(401, GET, "Basic realm=r"), 2));
  }

  @Test
  void staleNonceIsRetriedWithTheNewNonce() {
    Authenticator digest = Authenticator.digest("u", "p");
    HttpRequest first = answer(digest, challenged(401, GET,
        "Digest realm=\"r\", nonce=\"old\", qop=auth"), 1);
    HttpRequest second = answer(digest, challenged(401, first,
        "Digest realm=\"r\", nonce=\"new\", qop=auth, stale=true"), 2);
    Map<String, String> sent = digestParams(second.headers().get("Authorization"));
    assertEquals("new", sent.get("nonce"));
    assertEquals("00000001", sent.get("nc"));
  }

  @Test
  void nonceCountsGrowPerNonceAndCnoncesChange() {
    Authenticator digest = Authenticator.digest("u", "p");
    HttpResponse a = challenged(401, GET, "Digest realm=\"r\", nonce=\"a\", qop=auth");
    HttpResponse b = challenged(401, GET, "Digest realm=\"r\", nonce=\"b\", qop=auth");
    Map<String, String> a1 = digestParams(answer(digest, a, 1).headers().get("Authorization"));
    Map<String, String> a2 = digestParams(answer(digest, a, 1).headers().get("Authorization"));
    Map<String, String> b1 = digestParams(answer(digest, b, 1).headers().get("Authorization"));
    assertEquals(List.of("00000001", "00000002", "00000001"),
        List.of(a1.get("nc"), a2.get("nc"), b1.get("nc")));
    assertNotEquals(a1.get("cnonce"), a2.get("cnonce"));
    assertEquals(32, a1.get("cnonce").length());
  }

  @Test
  void digestAnswersWithTheRequestTargetAndMethod() {
    HttpRequest post = HttpRequest.newBuilder("http://example.com/dir/a?b=1")
        .post(RequestBody.of("x".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
    HttpResponse response = challenged(401, post,
        "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"");
    HttpRequest retry = answer(Authenticator.digest("u", "p"), response, 1);
    Map<String, String> sent = digestParams(retry.headers().get("Authorization"));
    assertEquals("/dir/a?b=1", sent.get("uri"));
    assertEquals("auth-int", sent.get("qop"));
    assertEquals("POST", retry.method());
    assertEquals(post.body(), retry.body());
  }

  @Test
  void proxyDigestCoversTheRequestTargetTheProxySaw() {
    String challenge = "Digest realm=\"proxy\", nonce=\"n\", qop=auth";
    HttpRequest https = HttpRequest.get("https://[::1]/a?b");
    Map<String, String> tunnel = digestParams(answer(Authenticator.digest("u", "p"),
        challenged(407, https, challenge), 1).headers().get("Proxy-Authorization"));
    assertEquals("[::1]:443", tunnel.get("uri"), "CONNECT's authority-form");
    String expected = DigestScheme.authorization(AuthChallenge.parse(challenge).get(0),
        DigestScheme.Qop.AUTH, new DigestScheme.Answer("u", "p", "CONNECT", "[::1]:443",
            ByteString.EMPTY, tunnel.get("cnonce"), 1));
    assertEquals(digestParams(expected).get("response"), tunnel.get("response"),
        "the method covered is CONNECT");
    assertEquals("http://example.com/dir/a?b=1", PasswordAuthenticator.digestUri(GET, true),
        "absolute-form through a proxy");
    assertEquals("/dir/a?b=1", PasswordAuthenticator.digestUri(GET, false));
  }

  @Test
  void authIntIsSkippedForABodyNotInMemory() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("gust-auth", ".txt");
    try {
      HttpRequest put = HttpRequest.newBuilder("http://example.com/")
          .put(RequestBody.ofFile(file, "text/plain")).build();
      assertNull(answer(Authenticator.digest("u", "p"),
          challenged(401, put, "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""), 1));
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void basicRefusesAColonInTheUserName() {
    assertThrows(IllegalArgumentException.class, () -> Authenticator.basic("a:b", "p"));
    HttpResponse both = challenged(401, GET, "Basic realm=r",
        "Digest realm=\"r\", nonce=\"n\", qop=auth");
    assertTrue(answer(Authenticator.credentials("a:b", "p"), both, 1).headers()
        .get("Authorization").startsWith("Digest "), "Digest allows it");
    assertNull(answer(Authenticator.credentials("a:b", "p"),
        challenged(401, GET, "Basic realm=r"), 1), "Basic cannot carry it");
  }
}

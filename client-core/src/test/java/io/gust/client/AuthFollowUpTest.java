package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AuthFollowUpTest {
  private static final Authenticator NOBODY = (response, challenges, attempt) ->
      CompletableFuture.completedFuture(null);

  private static AuthFollowUp followUp(AsyncHttpClient.Builder builder, HttpRequest request) {
    ClientConfig config = new ClientConfig(builder, Runnable::run);
    return AuthFollowUp.forFetch(null, config, request);
  }

  @Test
  void noFollowUpWithoutAnAuthenticator() {
    assertNull(followUp(AsyncHttpClient.builder(), HttpRequest.get("http://a.example/")));
  }

  @Test
  void proxyChallengesAreAnsweredForForwardedRequestsOnly() {
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder().proxyAuthenticator(NOBODY);
    HttpRequest http = HttpRequest.get("http://a.example/");
    HttpRequest https = HttpRequest.get("https://a.example/");
    HttpRequest upgrade = HttpRequest.newBuilder("http://a.example/")
        .header("Upgrade", "websocket").build();
    Proxy proxy = Proxy.http("proxy.example", 3128);
    assertTrue(ProxyHeads.isForwarded(http, proxy));
    assertTrue(ProxyHeads.isForwarded(http, Proxy.https("proxy.example", 443)));
    assertFalse(ProxyHeads.isForwarded(https, proxy),
        "a 407 inside a tunnel comes from the origin, which must not get proxy credentials");
    assertFalse(ProxyHeads.isForwarded(upgrade, proxy), "an upgrade goes in a tunnel too");
    assertFalse(ProxyHeads.isForwarded(http, Proxy.NONE));
    assertFalse(ProxyHeads.isForwarded(http, Proxy.socks5("proxy.example", 1080)));
    assertFalse(followUp(builder, http).holds(http, 401), "no origin authenticator");
  }

  @Test
  void oneShotBodiesAreNotHeld() {
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder().authenticator(NOBODY);
    HttpRequest producer = HttpRequest.newBuilder("http://a.example/")
        .post(RequestBody.ofProducer(BodyWriter::end, null)).build();
    HttpRequest bytes = HttpRequest.newBuilder("http://a.example/")
        .post(RequestBody.ofString("x", null)).build();
    assertFalse(followUp(builder, producer).holds(producer, 401));
    assertTrue(followUp(builder, bytes).holds(bytes, 401));
    assertFalse(followUp(builder, bytes).holds(bytes, 403));
  }
}

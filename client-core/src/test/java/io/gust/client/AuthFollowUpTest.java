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
  void proxyChallengesInsideATunnelAreNotAnswered() {
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder().proxyAuthenticator(NOBODY);
    HttpRequest http = HttpRequest.get("http://a.example/");
    HttpRequest https = HttpRequest.get("https://a.example/");
    // A 407 to plain http through a proxy: AuthenticationEndToEndTest (it needs the fetch's proxy).
    assertFalse(followUp(builder, https).holds(https, 407),
        "a 407 inside a tunnel comes from the origin, which must not get proxy credentials");
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

package io.gust.client;

import static io.gust.client.TwoMockServers.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** 401 and 407 answered in the fetch flow, against MockWebServer. */
@Timeout(20)
class AuthenticationEndToEndTest {
  static final String BASIC_U_P = "Basic dTpw";

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  @RegisterExtension final TwoMockServers servers = new TwoMockServers();

  static MockResponse challenge(String scheme) {
    return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", scheme)
        .body("denied").build();
  }

  static MockResponse ok(String body) {
    return new MockResponse.Builder().body(body).build();
  }

  private AsyncHttpClient client(Authenticator authenticator) {
    return leaks.track(AsyncHttpClient.builder().authenticator(authenticator).build());
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void basicChallengeIsAnsweredOnTheSameConnection() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(ok("welcome"));
    HttpResponse response = await(client(Authenticator.basic("u", "p"))
        .fetch(servers.server.url("/private").toString()));
    assertEquals(200, response.code());
    assertEquals("welcome", response.bodyString());
    assertTrue(response.isConnectionReused(), "the 401 body was drained, the connection kept");
    assertNull(take(servers.server).getHeaders().get("Authorization"));
    RecordedRequest retry = take(servers.server);
    assertEquals(BASIC_U_P, retry.getHeaders().get("Authorization"));
    assertEquals(0, retry.getConnectionIndex());
  }

  @Test
  void networkInterceptorsSeeEachChallengeAndAnswerApplicationOnesOneCall() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(ok("welcome"));
    List<String> network = new CopyOnWriteArrayList<>();
    List<String> application = new CopyOnWriteArrayList<>();
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .authenticator(Authenticator.basic("u", "p"))
        .addInterceptor(chain -> chain.proceed(chain.request()).thenApply(response -> {
          application.add(response.code() + " " + chain.request().headers().get("Authorization"));
          return response;
        }))
        .addNetworkInterceptor(chain -> chain.proceed(chain.request()).thenApply(response -> {
          network.add(response.code() + " " + chain.request().headers().get("Authorization"));
          return response;
        })).build());
    assertEquals(200, await(client.fetch(servers.server.url("/").toString())).code());
    assertEquals(List.of("401 null", "200 " + BASIC_U_P), network);
    assertEquals(List.of("200 null"), application);
  }

  @Test
  void wrongCredentialsHandTheSecond401ToTheApplication() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    HttpResponse response = await(client(Authenticator.basic("u", "wrong"))
        .fetch(servers.server.url("/").toString()));
    assertEquals(401, response.code());
    assertEquals("denied", response.bodyString(), "the application sees the 401's body");
    assertEquals(2, servers.server.getRequestCount());
  }

  @Test
  void challengeWithoutWwwAuthenticateReachesTheAuthenticatorWithNoChallenges() throws Exception {
    servers.server.enqueue(new MockResponse.Builder().code(401).body("no scheme").build());
    List<List<AuthChallenge>> seen = new CopyOnWriteArrayList<>();
    Authenticator recording = (response, challenges, attempt) -> {
      seen.add(challenges);
      return CompletableFuture.completedFuture(null);
    };
    HttpResponse response = await(client(recording).fetch(servers.server.url("/").toString()));
    assertEquals(401, response.code());
    assertEquals("no scheme", response.bodyString());
    assertEquals(List.of(List.of()), seen);
  }

  @Test
  void serverThatKeepsChallengingFailsAfterTheAttemptLimit() throws Exception {
    for (int i = 0; i <= HttpAuthException.MAX_ATTEMPTS; i++) {
      servers.server.enqueue(challenge("Bearer"));
    }
    AtomicInteger calls = new AtomicInteger();
    Authenticator stubborn = (response, challenges, attempt) -> {
      assertEquals(calls.incrementAndGet(), attempt);
      return CompletableFuture.completedFuture(response.request().newBuilder()
          .setHeader("Authorization", "Bearer " + attempt).build());
    };
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> await(client(stubborn).fetch(servers.server.url("/").toString())));
    HttpAuthException error = assertInstanceOf(HttpAuthException.class, failure.getCause());
    assertEquals(HttpAuthException.Kind.TOO_MANY_ATTEMPTS, error.kind());
    assertEquals(Phase.HEADERS, error.phase());
    assertEquals(401, error.response().code());
    assertEquals(HttpAuthException.MAX_ATTEMPTS, calls.get());
    assertEquals(HttpAuthException.MAX_ATTEMPTS + 1, servers.server.getRequestCount());
  }

  @Test
  void bufferedBodyIsSentAgainWithTheCredentials() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(ok("stored"));
    HttpRequest post = HttpRequest.newBuilder(servers.server.url("/upload").toString())
        .post(RequestBody.ofString("payload", "text/plain")).build();
    assertEquals(200, await(client(Authenticator.basic("u", "p")).fetch(post)).code());
    assertEquals("payload", take(servers.server).getBody().utf8());
    RecordedRequest retry = take(servers.server);
    assertEquals("payload", retry.getBody().utf8());
    assertEquals(BASIC_U_P, retry.getHeaders().get("Authorization"));
  }

  @Test
  void oneShotProducerBodyHandsThe401ToTheApplication() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    AtomicInteger calls = new AtomicInteger();
    Authenticator counting = (response, challenges, attempt) -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    };
    HttpRequest post = HttpRequest.newBuilder(servers.server.url("/upload").toString())
        .post(RequestBody.ofProducer(writer -> writer.write(ByteString.encodeUtf8("once"))
            .thenRun(writer::end), "text/plain", 4)).build();
    HttpResponse response = await(client(counting).fetch(post));
    assertEquals(401, response.code());
    assertEquals(0, calls.get(), "the body cannot be sent again, so nobody is asked");
  }

  @Test
  void digestAuthIntCoversTheBody() throws Exception {
    servers.server.enqueue(challenge("Digest realm=\"r\", qop=\"auth-int\", nonce=\"n1\", algorithm=MD5"));
    servers.server.enqueue(ok("ok"));
    HttpRequest post = HttpRequest.newBuilder(servers.server.url("/form?x=1").toString())
        .post(RequestBody.ofString("body bytes", "text/plain")).build();
    assertEquals(200, await(client(Authenticator.digest("u", "p")).fetch(post)).code());
    take(servers.server);
    String authorization = take(servers.server).getHeaders().get("Authorization");
    String cnonce = param(authorization, "cnonce");
    String nc = param(authorization, "nc");
    String ha1 = md5("u:r:p");
    String ha2 = md5("POST:/form?x=1:" + md5("body bytes"));
    assertEquals("auth-int", param(authorization, "qop"));
    assertEquals(md5(ha1 + ":n1:" + nc + ":" + cnonce + ":auth-int:" + ha2),
        param(authorization, "response"));
  }

  private static String md5(String text) {
    return ByteString.encodeUtf8(text).md5().hex();
  }

  private static String param(String field, String name) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern
        .compile("[ ,]" + name + "=\"?([^\",]*)\"?").matcher(field);
    assertTrue(matcher.find(), name + " in " + field);
    return matcher.group(1);
  }

  @Test
  void givenUpChallengeGoesToTheCallbacksAndTheSink() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    List<Integer> heads = new CopyOnWriteArrayList<>();
    Buffer chunks = new Buffer();
    HttpRequest streamed = HttpRequest.newBuilder(servers.server.url("/a").toString())
        .headerCallback(head -> heads.add(head.code()))
        .bodyCallback(chunk -> {
          synchronized (chunks) {
            chunks.write(chunk);
          }
          return null;
        }).build();
    AsyncHttpClient client = client(Authenticator.basic("u", "p"));
    assertEquals(401, await(client.fetch(streamed)).code());
    assertEquals(List.of(401), heads);
    assertEquals("denied", chunks.readUtf8());
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    Path file = dir.resolve("body");
    HttpResponse toFile = await(client.fetch(HttpRequest.get(servers.server.url("/b").toString()),
        BodySink.toFile(file)));
    assertEquals(401, toFile.code());
    assertEquals("denied", Files.readString(file));
  }

  @Test
  void heldChallengeBodyIsBoundedLikeAnyCollectedBody() throws Exception {
    servers.server.enqueue(new MockResponse.Builder().code(401)
        .addHeader("WWW-Authenticate", "Basic realm=\"r\"").body("x".repeat(1000)).build());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().maxBodyBytes(100)
        .authenticator(Authenticator.basic("u", "p")).build());
    HttpRequest toFile = HttpRequest.get(servers.server.url("/").toString());
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> await(client.fetch(toFile, BodySink.toFile(dir.resolve("never")))));
    assertInstanceOf(MessageTooLargeException.class, failure.getCause());
    assertTrue(Files.notExists(dir.resolve("never")));
  }

  @Test
  void proxyChallengeToPlainHttpIsAnsweredWithProxyAuthorization() throws Exception {
    servers.server.enqueue(new MockResponse.Builder().code(407)
        .addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build());
    servers.server.enqueue(ok("through"));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .proxy(Proxy.http("127.0.0.1", servers.server.getPort()))
        .proxyAuthenticator(Authenticator.basic("u", "p")).build());
    assertEquals("through", await(client.fetch("http://origin.invalid/")).bodyString());
    take(servers.server);
    RecordedRequest retry = take(servers.server);
    assertEquals(BASIC_U_P, retry.getHeaders().get("Proxy-Authorization"));
    assertNull(retry.getHeaders().get("Authorization"));
  }

  @Test
  void aProxyChallengeFromAnOriginReachedDirectlyGoesToTheApplication() throws Exception {
    servers.server.enqueue(new MockResponse.Builder().code(407)
        .addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .proxyAuthenticator(Authenticator.basic("u", "p")).build());
    assertEquals(407, await(client.fetch(servers.server.url("/").toString())).code());
    assertNull(take(servers.server).getHeaders().get("Proxy-Authorization"));
  }

  @Test
  void requestAuthenticatorOverridesTheClients() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(ok("ok"));
    AsyncHttpClient client = client(Authenticator.basic("client", "x"));
    HttpRequest own = HttpRequest.newBuilder(servers.server.url("/").toString())
        .authenticator(Authenticator.basic("u", "p")).build();
    assertEquals(200, await(client.fetch(own)).code());
    take(servers.server);
    assertEquals(BASIC_U_P, take(servers.server).getHeaders().get("Authorization"));
  }

  @Test
  void answeredCredentialsAreDroppedOnARedirectToAnotherOrigin() throws Exception {
    servers.server.enqueue(challenge("Basic realm=\"r\""));
    servers.server.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", servers.other.url("/elsewhere").toString()).build());
    servers.other.enqueue(ok("there"));
    HttpResponse response = await(client(Authenticator.basic("u", "p"))
        .fetch(servers.server.url("/").toString()));
    assertEquals("there", response.bodyString());
    take(servers.server);
    assertEquals(BASIC_U_P, take(servers.server).getHeaders().get("Authorization"));
    assertNull(take(servers.other).getHeaders().get("Authorization"));
  }

  @Test
  void urlCredentialsArePreemptiveBasicAndStayWithTheirOrigin() throws Exception {
    servers.server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/same").build());
    servers.server.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", servers.other.url("/away").toString()).build());
    servers.other.enqueue(ok("away"));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.create());
    String url = "http://u%40x:p%3Aq@127.0.0.1:" + servers.server.getPort() + "/start";
    assertEquals("away", await(client.fetch(url)).bodyString());
    String expected = "Basic " + ByteString.encodeUtf8("u@x:p:q").base64();
    assertEquals(expected, take(servers.server).getHeaders().get("Authorization"));
    assertEquals(expected, take(servers.server).getHeaders().get("Authorization"), "same origin");
    assertNull(take(servers.other).getHeaders().get("Authorization"), "another origin");
  }

  /**
   * A 401 offering Basic and two Digest algorithms, over two fields: the answer is Digest with
   * SHA-256, and its response is the one RFC 7616 gives for the nonce count and cnonce sent.
   */
  @Test
  void theStrongestOfSeveralChallengesIsAnswered() throws Exception {
    String md5 = "Digest realm=\"r\", qop=\"auth\", nonce=\"n1\", algorithm=MD5";
    String sha256 = "Digest realm=\"r\", qop=\"auth\", nonce=\"n1\", algorithm=SHA-256";
    servers.server.enqueue(new MockResponse.Builder().code(401)
        .addHeader("WWW-Authenticate", "Basic realm=\"r\", " + md5)
        .addHeader("WWW-Authenticate", sha256).body("denied").build());
    servers.server.enqueue(ok("welcome"));
    HttpResponse response = await(client(Authenticator.credentials("u", "p"))
        .fetch(servers.server.url("/strong").toString()));
    assertEquals(200, response.code());
    take(servers.server);
    String sent = take(servers.server).getHeaders().get("Authorization");
    Map<String, String> params = AuthChallenge.parse(sent).get(0).params();
    assertEquals("SHA-256", params.get("algorithm"), sent);
    String expected = DigestScheme.authorization(AuthChallenge.parse(sha256).get(0),
        DigestScheme.Qop.AUTH, new DigestScheme.Answer("u", "p", "GET", "/strong", null,
            params.get("cnonce"), Long.parseLong(params.get("nc"), 16)));
    assertEquals(AuthChallenge.parse(expected).get(0).params().get("response"),
        params.get("response"));
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.HttpServer;
import io.gust.testing.LeakCheck;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(20)
class RedirectsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private MockWebServer server;
  private MockWebServer other;
  private AsyncHttpClient client;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start(0);
    other = new MockWebServer();
    other.start(0);
    client = leaks.track(AsyncHttpClient.create());
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
    other.close();
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location)
        .body("moved").build();
  }

  private RecordedRequest take(MockWebServer from) throws InterruptedException {
    RecordedRequest request = from.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "server saw no request");
    return request;
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private HttpRequest post(String path) {
    return HttpRequest.newBuilder(server.url(path).toString())
        .post(RequestBody.ofString("data", "text/plain")).build();
  }

  @Test
  void seeOtherTurnsPostIntoGetWithoutBody() throws Exception {
    server.enqueue(redirect(303, "/result"));
    server.enqueue(new MockResponse.Builder().body("done").build());
    HttpResponse response = await(client.fetch(post("/form")));
    assertEquals("done", response.bodyString());
    assertEquals(1, response.redirectCount());
    assertEquals(server.url("/result").uri(), response.effectiveUri());
    assertEquals(303, response.previous().code());
    assertEquals(server.url("/form").uri(), response.previous().effectiveUri());
    assertNull(response.previous().previous());
    assertEquals("POST", take(server).getMethod());
    RecordedRequest followed = take(server);
    assertEquals("GET", followed.getMethod());
    assertEquals("/result", followed.getTarget());
    assertNull(followed.getHeaders().get("Content-Type"));
    assertEquals(0, followed.getBodySize());
  }

  @Test
  void temporaryRedirectKeepsMethodAndBody() throws Exception {
    server.enqueue(redirect(307, "/again"));
    server.enqueue(new MockResponse.Builder().body("kept").build());
    assertEquals("kept", await(client.fetch(post("/form"))).bodyString());
    take(server);
    RecordedRequest followed = take(server);
    assertEquals("POST", followed.getMethod());
    assertEquals("data", followed.getBody().utf8());
  }

  @Test
  void relativeLocationResolvesAgainstTheCurrentUri() throws Exception {
    server.enqueue(redirect(302, "c?x=1"));
    server.enqueue(new MockResponse.Builder().build());
    await(client.fetch(server.url("/a/b").toString()));
    take(server);
    assertEquals("/a/c?x=1", take(server).getTarget());
  }

  @Test
  void crossOriginRedirectDropsCredentials() throws Exception {
    server.enqueue(redirect(302, other.url("/there").toString()));
    other.enqueue(new MockResponse.Builder().body("other").build());
    HttpRequest request = HttpRequest.newBuilder(server.url("/here").toString())
        .header("Authorization", "Bearer secret").header("Cookie", "a=b")
        .header("X-Kept", "1").build();
    assertEquals("other", await(client.fetch(request)).bodyString());
    assertEquals("Bearer secret", take(server).getHeaders().get("Authorization"));
    RecordedRequest followed = take(other);
    assertNull(followed.getHeaders().get("Authorization"));
    assertNull(followed.getHeaders().get("Cookie"));
    assertEquals("1", followed.getHeaders().get("X-Kept"));
  }

  @Test
  void crossOriginRedirectDropsProxyAuthorizationAndUserInfoCredentials() throws Exception {
    server.enqueue(redirect(307, other.url("/there").toString()));
    other.enqueue(new MockResponse.Builder().body("other").build());
    String withUserInfo = server.url("/here").toString().replace("://", "://user:secret@");
    HttpRequest request = HttpRequest.newBuilder(withUserInfo)
        .header("Proxy-Authorization", "Basic cHJveHk6cHc=").header("COOKIE", "a=b").build();
    assertEquals("other", await(client.fetch(request)).bodyString());
    RecordedRequest first = take(server);
    assertEquals("Basic dXNlcjpzZWNyZXQ=", first.getHeaders().get("Authorization"));
    RecordedRequest followed = take(other);
    assertNull(followed.getHeaders().get("Authorization"));
    assertNull(followed.getHeaders().get("Proxy-Authorization"));
    assertNull(followed.getHeaders().get("Cookie"));
  }

  @Test
  void tooManyRedirectsFailsTyped() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(redirect(301, "/loop"));
    }
    HttpRequest request = HttpRequest.newBuilder(server.url("/loop").toString())
        .maxRedirects(2).build();
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> await(client.fetch(request)));
    assertInstanceOf(TooManyRedirectsException.class, error.getCause());
  }

  /** Pins: the redirect-limit error carried no response, where Tornado returns the last one. */
  @Test
  void tooManyRedirectsCarriesTheLastRedirectResponse() throws Exception {
    server.enqueue(redirect(302, "/second"));
    server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/third")
        .addHeader("X-Hop", "last").body("moved again").build());
    HttpRequest request = HttpRequest.newBuilder(server.url("/first").toString())
        .maxRedirects(1).build();
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> await(client.fetch(request)));
    TooManyRedirectsException tooMany =
        assertInstanceOf(TooManyRedirectsException.class, error.getCause());
    assertEquals(2, tooMany.redirectCount());
    HttpResponse last = tooMany.response();
    assertNotNull(last, "the last redirect response");
    assertEquals(307, last.code());
    assertEquals("/third", last.header("Location"));
    assertEquals("last", last.header("X-Hop"));
    assertEquals(server.url("/second").uri(), last.effectiveUri());
    assertEquals(302, last.previous().code());
    assertEquals(2, server.getRequestCount(), "the third hop was not fetched");
  }

  @Test
  void redirectHopToARefusedPortFailsAtOnce() throws Exception {
    int refused;
    try (ServerSocket closed = new ServerSocket(0)) {
      refused = closed.getLocalPort();
    }
    server.enqueue(redirect(302, "http://127.0.0.1:" + refused + "/gone"));
    long start = System.nanoTime();
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> await(client.fetch(server.url("/hop").toString())));
    HttpConnectException connect = assertInstanceOf(HttpConnectException.class, error.getCause());
    assertEquals(Phase.CONNECT, connect.phase());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void redirectToUnsupportedSchemeFailsAtOnce() throws Exception {
    server.enqueue(redirect(302, "ftp://example.com/file"));
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> await(client.fetch(server.url("/ftp").toString())));
    assertInstanceOf(HttpProtocolException.class, error.getCause());
  }

  @Test
  void redirectsAreNotFollowedWhenTurnedOff() throws Exception {
    server.enqueue(redirect(302, "/elsewhere"));
    HttpResponse response = await(client.fetch(HttpRequest.newBuilder(server.url("/r").toString())
        .followRedirects(false).build()));
    assertEquals(302, response.code());
    assertEquals("moved", response.bodyString());
    assertNull(response.previous());
  }

  @Test
  void responseLeadsBackThroughTheHeadsOfEveryHopFollowed() throws Exception {
    try (HttpServer companion = HttpServer.builder().testRoutes().build().start()) {
      HttpResponse response = await(client.fetch(companion.url("/redirect/3").toString()));
      assertEquals(200, response.code());
      assertEquals(companion.url("/get"), response.effectiveUri());
      List<HttpResponse> hops = new ArrayList<>();
      for (HttpResponse hop = response.previous(); hop != null; hop = hop.previous()) {
        hops.add(0, hop);
      }
      assertEquals(3, hops.size());
      assertEquals(response.redirectCount(), hops.size());
      List<String> locations = List.of("/redirect/2", "/redirect/1", "/get");
      for (int i = 0; i < 3; i++) {
        HttpResponse hop = hops.get(i);
        assertEquals(302, hop.code());
        assertEquals(locations.get(i), hop.header("Location"));
        assertEquals(companion.url("/redirect/" + (3 - i)), hop.effectiveUri());
        assertEquals(hop.effectiveUri(), hop.request().uri());
        assertEquals(0, hop.body().size(), "the body of a hop is not kept");
      }
    }
  }
}

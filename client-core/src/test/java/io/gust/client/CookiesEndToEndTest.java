package io.gust.client;

import static io.gust.client.TwoMockServers.take;
import static io.gust.client.AuthenticationEndToEndTest.BASIC_U_P;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's cookie jar in the fetch flow, against MockWebServer. */
@Timeout(20)
class CookiesEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final MemoryCookieJar jar = MemoryCookieJar.create();
  @RegisterExtension final TwoMockServers servers = new TwoMockServers();

  /** The other server under the other name of loopback: cookies do not tell ports apart. */
  private URI otherHost(String path) {
    String host = "localhost".equals(servers.server.url("/").host()) ? "127.0.0.1" : "localhost";
    return URI.create("http://" + host + ":" + servers.other.getPort() + path);
  }

  private AsyncHttpClient client() {
    return leaks.track(AsyncHttpClient.builder().cookieJar(jar).build());
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private static MockResponse redirect(String location, String setCookie) {
    return new MockResponse.Builder().code(302).addHeader("Location", location)
        .addHeader("Set-Cookie", setCookie).build();
  }

  @Test
  void cookieSetByARedirectIsSentToTheNextHopAndKept() throws Exception {
    servers.server.enqueue(redirect("/landing", "sid=abc; Path=/"));
    servers.server.enqueue(new MockResponse.Builder().body("in").build());
    servers.server.enqueue(new MockResponse.Builder().body("again").build());
    AsyncHttpClient client = client();
    assertEquals("in", await(client.fetch(servers.server.url("/login").toString())).bodyString());
    assertNull(take(servers.server).getHeaders().get("Cookie"));
    assertEquals("sid=abc", take(servers.server).getHeaders().get("Cookie"));
    await(client.fetch(servers.server.url("/later").toString()));
    assertEquals("sid=abc", take(servers.server).getHeaders().get("Cookie"), "a later fetch too");
  }

  @Test
  void cookieSetByAChallengeIsSentWithTheAnswer() throws Exception {
    servers.server.enqueue(new MockResponse.Builder().code(401)
        .addHeader("WWW-Authenticate", "Basic realm=\"r\"")
        .addHeader("Set-Cookie", "challenge=1").build());
    servers.server.enqueue(new MockResponse.Builder().body("ok").build());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().cookieJar(jar)
        .authenticator(Authenticator.basic("u", "p")).build());
    assertEquals(200, await(client.fetch(servers.server.url("/").toString())).code());
    take(servers.server);
    RecordedRequest answer = take(servers.server);
    assertEquals("challenge=1", answer.getHeaders().get("Cookie"));
    assertEquals(BASIC_U_P, answer.getHeaders().get("Authorization"));
  }

  @Test
  void applicationCookiesComeFirstWinByNameAndStayWithTheirOrigin() throws Exception {
    jar.save(servers.server.url("/").uri(), List.of("a=jar", "b=2"));
    jar.save(otherHost("/"), List.of("there=1"));
    servers.server.enqueue(redirect("/same", "c=3"));
    servers.server.enqueue(redirect(otherHost("/away").toString(), "d=4"));
    servers.other.enqueue(new MockResponse.Builder().body("away").build());
    HttpRequest request = HttpRequest.newBuilder(servers.server.url("/").toString())
        .header("Cookie", "mine=0; a=app").build();
    assertEquals("away", await(client().fetch(request)).bodyString());
    assertEquals("mine=0; a=app; b=2", take(servers.server).getHeaders().get("Cookie"));
    assertEquals("mine=0; a=app; b=2; c=3", take(servers.server).getHeaders().get("Cookie"));
    assertEquals("there=1", take(servers.other).getHeaders().get("Cookie"),
        "neither the application's cookies nor the first origin's follow it elsewhere");
  }

  @Test
  void withoutAJarCookiesAreNeitherKeptNorSent() throws Exception {
    servers.server.enqueue(redirect("/next", "sid=abc"));
    servers.server.enqueue(new MockResponse.Builder().body("ok").build());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.create());
    assertEquals("ok", await(client.fetch(servers.server.url("/").toString())).bodyString());
    take(servers.server);
    assertNull(take(servers.server).getHeaders().get("Cookie"));
  }

  @Test
  void theJarIsCalledOnTheLoop() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    CookieJar recording = new CookieJar() {
      @Override
      public List<Cookie> cookiesFor(URI uri) {
        threads.add(Thread.currentThread().getName());
        return jar.cookiesFor(uri);
      }

      @Override
      public void save(URI uri, List<String> fields) {
        threads.add(Thread.currentThread().getName());
        jar.save(uri, fields);
      }
    };
    servers.server.enqueue(redirect("/next", "sid=abc"));
    servers.server.enqueue(new MockResponse.Builder().body("ok").build());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().cookieJar(recording).build());
    await(client.fetch(servers.server.url("/").toString()));
    assertEquals(3, threads.size(), "two lookups, one save: " + threads);
    assertTrue(threads.stream().allMatch(name -> name.startsWith("gust-loop")), threads.toString());
  }

  @Test
  void aJarThatThrowsFailsTheFetchWithItAsCause() throws Exception {
    IllegalStateException broken = new IllegalStateException("jar broken");
    CookieJar throwing = new CookieJar() {
      @Override
      public List<Cookie> cookiesFor(URI uri) {
        return List.of();
      }

      @Override
      public void save(URI uri, List<String> fields) {
        throw broken;
      }
    };
    servers.server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "a=1").body("x").build());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().cookieJar(throwing).build());
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> await(client.fetch(servers.server.url("/").toString())));
    HttpClientException error = assertInstanceOf(HttpClientException.class, failure.getCause());
    assertEquals(broken, error.getCause());
  }
}

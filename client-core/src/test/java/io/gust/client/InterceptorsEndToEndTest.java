package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.MockServerFixture;
import io.gust.testing.ScriptedServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Default headers and both levels of interceptors, over real sockets. */
@Timeout(20)
class InterceptorsEndToEndTest {
  @RegisterExtension final MockServerFixture fixture = new MockServerFixture();

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void defaultHeadersAreSentUnlessTheRequestSetsTheField() throws Exception {
    AsyncHttpClient client = fixture.track(AsyncHttpClient.builder()
        .defaultHeader("X-Team", "core").defaultHeader("Accept", "text/plain").build());
    fixture.server().enqueue(new MockResponse.Builder().build());
    fixture.server().enqueue(new MockResponse.Builder().build());
    await(client.fetch(fixture.url("/plain")));
    await(client.fetch(HttpRequest.newBuilder(fixture.url("/json"))
        .header("accept", "application/json").build()));
    RecordedRequest plain = fixture.take();
    assertEquals("core", plain.getHeaders().get("X-Team"));
    assertEquals(List.of("text/plain"), plain.getHeaders().values("Accept"));
    RecordedRequest json = fixture.take();
    assertEquals("core", json.getHeaders().get("X-Team"));
    assertEquals(List.of("application/json"), json.getHeaders().values("Accept"));
  }

  @Test
  void applicationInterceptorRunsOncePerCallNetworkInterceptorOncePerHop() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    List<String> hops = new CopyOnWriteArrayList<>();
    List<Boolean> onLoop = new CopyOnWriteArrayList<>();
    AsyncHttpClient client = fixture.track(AsyncHttpClient.builder()
        .defaultHeader("X-Default", "d")
        .addInterceptor(chain -> {
          calls.add(chain.request().uri().getPath() + " " + chain.request().headers().get("X-Default"));
          onLoop.add(EventLoop.current() != null);
          return chain.proceed(chain.request().newBuilder().header("X-Call", "1").build())
              .thenApply(response -> {
                calls.add("final " + response.code());
                return response;
              });
        })
        .addNetworkInterceptor(chain -> {
          hops.add(chain.request().uri().getPath() + " " + chain.request().headers().get("X-Call"));
          onLoop.add(EventLoop.current() != null);
          return chain.proceed(chain.request().newBuilder()
              .header("X-Hop", String.valueOf(hops.size())).build())
              .thenApply(response -> {
                hops.add("got " + response.code());
                return response;
              });
        }).build());
    fixture.server().enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/b")
        .body("moved").build());
    fixture.server().enqueue(new MockResponse.Builder().body("here").build());
    HttpResponse response = await(client.fetch(fixture.url("/a")));
    assertEquals("here", response.bodyString());
    assertEquals(List.of("/a d", "final 200"), calls);
    assertEquals(List.of("/a 1", "got 302", "/b 1", "got 200"), hops);
    assertTrue(onLoop.stream().allMatch(Boolean::booleanValue), "interceptors ran on the loop");
    RecordedRequest first = fixture.take();
    assertEquals("1", first.getHeaders().get("X-Hop"));
    assertEquals("1", first.getHeaders().get("X-Call"));
    RecordedRequest second = fixture.take();
    assertEquals("/b", second.getTarget());
    assertEquals("3", second.getHeaders().get("X-Hop"));
  }

  @Test
  void networkInterceptorRunsAgainForARetryOnAFreshConnection() throws Exception {
    List<String> hops = new CopyOnWriteArrayList<>();
    AsyncHttpClient client = fixture.track(AsyncHttpClient.builder()
        .addNetworkInterceptor(chain -> {
          hops.add(chain.request().uri().getPath());
          return chain.proceed(chain.request());
        }).build());
    try (ScriptedServer scripted = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      if (index == 0) {
        readHead(socket.getInputStream()); // the second request on the reused connection
        return; // closes without an answer: the client retries on a fresh connection
      }
      socket.getInputStream().read();
    })) {
      await(client.fetch(scripted.url("/one")));
      HttpResponse second = await(client.fetch(scripted.url("/two")));
      assertEquals(1, second.retryCount());
      assertEquals(List.of("/one", "/two", "/two"), hops);
      assertEquals(2, scripted.acceptedCount());
      client.close();
    }
  }

  @Test
  void anInterceptorThatThrowsFailsTheFetchWithATypedError() throws Exception {
    IllegalStateException bug = new IllegalStateException("interceptor bug");
    AsyncHttpClient app = fixture.track(AsyncHttpClient.builder()
        .addInterceptor(chain -> {
          throw bug;
        }).build());
    ExecutionException appFailure = assertThrows(ExecutionException.class,
        () -> await(app.fetch(fixture.url("/x"))));
    HttpClientException typed = assertInstanceOf(HttpClientException.class, appFailure.getCause());
    assertSame(bug, typed.getCause());
    AsyncHttpClient network = fixture.track(AsyncHttpClient.builder()
        .addNetworkInterceptor(chain -> CompletableFuture.failedFuture(bug)).build());
    HttpClientException networkTyped = assertThrows(HttpClientException.class,
        () -> network.send(HttpRequest.get(fixture.url("/y"))));
    assertSame(bug, networkTyped.getCause());
    assertEquals(0, fixture.server().getRequestCount(), "no request reached the server");
  }

  @Test
  void anApplicationInterceptorMayAnswerWithoutTheNetworkAndRetryAfterIt() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().code(503).build());
    fixture.server().enqueue(new MockResponse.Builder().body("second try").build());
    AsyncHttpClient client = fixture.track(AsyncHttpClient.builder()
        .addInterceptor(chain -> chain.proceed(chain.request()).thenCompose(response ->
            response.code() == 503 ? chain.proceed(chain.request())
                : CompletableFuture.completedFuture(response)))
        .build());
    assertEquals("second try", client.send(HttpRequest.get(fixture.url("/flaky"))).bodyString());
    assertEquals(2, fixture.server().getRequestCount());
  }
}

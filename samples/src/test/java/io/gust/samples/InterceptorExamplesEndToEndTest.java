package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.server.HttpServer;
import io.gust.server.Response;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example interceptors against the companion server, which records what it was sent. */
@Timeout(30)
class InterceptorExamplesEndToEndTest {
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void start() {
    server = HttpServer.builder()
        .route("POST", "/token", request -> {
          seen.add("POST /token");
          return Response.ok("t" + tokensIssued.incrementAndGet());
        })
        .get("/api", request -> {
          String authorization = request.header("Authorization");
          seen.add("GET /api " + authorization);
          return "Bearer t2".equals(authorization) ? Response.ok("secret")
              : Response.status(401);
        })
        .get("/old", request -> {
          seen.add("GET /old");
          return Response.status(301).withHeader("Location", "/api");
        })
        .build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String take() throws InterruptedException {
    String request = seen.poll(5, TimeUnit.SECONDS);
    assertTrue(request != null, "the server saw no request");
    return request;
  }

  @Test
  void tokenRefreshFetchesANewTokenOnA401AndRetriesOnce() throws Exception {
    try (AsyncHttpClient tokenClient = AsyncHttpClient.create();
        AsyncHttpClient client = AsyncHttpClient.builder()
            .addInterceptor(new TokenRefreshInterceptor(() -> tokenClient.fetch(
                HttpRequest.newBuilder(server.url("/token").toString())
                    .post(io.gust.client.RequestBody.of(new byte[0])).build())
                .thenApply(response -> response.bodyString().trim())))
            .build()) {
      HttpResponse response = client.send(HttpRequest.get(server.url("/api").toString()));
      assertEquals(200, response.code());
      assertEquals("secret", response.bodyString().trim());
      assertEquals(List.of("POST /token", "GET /api Bearer t1", "POST /token", "GET /api Bearer t2"),
          List.of(take(), take(), take(), take()));
      // The refreshed token is kept: the next call needs no refresh.
      assertEquals(200, client.send(HttpRequest.get(server.url("/api").toString())).code());
      assertEquals("GET /api Bearer t2", take());
      assertEquals(2, tokensIssued.get());
    }
  }

  @Test
  void loggingInterceptorLogsEachHopAtNetworkLevelAndTheCallAtApplicationLevel()
      throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    List<String> hops = new CopyOnWriteArrayList<>();
    try (AsyncHttpClient client = AsyncHttpClient.builder()
        .defaultHeader("Authorization", "Bearer t2")
        .addInterceptor(new LoggingInterceptor(calls::add))
        .addNetworkInterceptor(new LoggingInterceptor(hops::add))
        .build()) {
      String url = server.url("/old").toString() + "?secret=1";
      assertEquals(200, client.send(HttpRequest.get(url)).code());
      assertEquals("GET /old", take());
      assertEquals("GET /api Bearer t2", take());
    }
    assertEquals(2, calls.size(), calls.toString());
    assertTrue(calls.get(0).startsWith("--> GET http://") && calls.get(0).endsWith("/old"),
        calls.toString());
    assertTrue(calls.get(1).startsWith("<-- 200 GET "), calls.toString());
    assertEquals(4, hops.size(), hops.toString());
    assertTrue(hops.get(1).startsWith("<-- 301 GET") && hops.get(3).startsWith("<-- 200 GET"),
        hops.toString());
    assertTrue(calls.stream().noneMatch(line -> line.contains("secret")), "no query logged");
  }
}

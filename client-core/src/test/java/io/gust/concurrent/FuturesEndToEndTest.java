package io.gust.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpResponse;
import io.gust.client.PoolSnapshot;
import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The combinators over real fetches against the companion server's {@code /delay/{ms}}. */
@Timeout(60)
class FuturesEndToEndTest {
  private static final long DELAY_MILLIS = 500;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  /** Closes without waiting for the losers' 20 s delays, which no client is waiting for. */
  private final TestServer server =
      TestServer.start(builder -> builder.shutdownTimeout(Duration.ofMillis(100)));

  @AfterEach
  void stopServer() {
    server.close();
  }

  private AsyncHttpClient client(int maxConnections) {
    return leaks.track(AsyncHttpClient.builder().maxConnections(maxConnections)
        .maxConnectionsPerHost(maxConnections).build());
  }

  private String delayed(long millis) {
    return server.url("/delay/" + millis).toString();
  }

  @Test
  void allOverAHundredDelayedFetchesTakesAboutOneDelay() throws Exception {
    AsyncHttpClient client = client(128);
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse>> fetches = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      fetches.add(client.fetch(delayed(DELAY_MILLIS)));
    }
    List<HttpResponse> responses = Futures.all(fetches).get(30, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(100, responses.size());
    for (HttpResponse response : responses) {
      assertEquals("delayed " + DELAY_MILLIS + " ms\n", response.bodyString());
    }
    assertTrue(millis >= DELAY_MILLIS, "took " + millis + " ms");
    assertTrue(millis < 10 * DELAY_MILLIS, "took " + millis + " ms, not about one delay");
    assertEquals(100, server.server().acceptedConnections(), "one connection per fetch");
  }

  @Test
  void allBoundedKeepsAtMostItsLimitInFlight() throws Exception {
    AsyncHttpClient client = client(64);
    List<Supplier<CompletableFuture<HttpResponse>>> suppliers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      suppliers.add(() -> client.fetch(delayed(100)));
    }
    long start = System.nanoTime();
    List<HttpResponse> responses =
        Futures.allBounded(suppliers, 5).get(30, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(20, responses.size());
    assertTrue(millis >= 4 * 100, "20 fetches 5 at a time take four delays: " + millis + " ms");
    assertTrue(server.server().acceptedConnections() <= 5,
        "connections: " + server.server().acceptedConnections());
  }

  @Test
  void anyWithCancelClosesTheLosersConnections() throws Exception {
    AsyncHttpClient client = client(16);
    List<CompletableFuture<HttpResponse>> racers = new ArrayList<>();
    racers.add(client.fetch(delayed(50)));
    for (int i = 0; i < 3; i++) {
      racers.add(client.fetch(delayed(20_000)));
    }
    HttpResponse winner = Futures.any(racers, Remaining.CANCEL).get(10, TimeUnit.SECONDS);
    assertEquals("delayed 50 ms\n", winner.bodyString());
    CompletableFuture.allOf(racers.toArray(new CompletableFuture<?>[0]))
        .handle((ignored, error) -> null).get(5, TimeUnit.SECONDS);
    for (int i = 1; i < racers.size(); i++) {
      assertTrue(racers.get(i).isCancelled(), "loser " + i + " cancelled");
    }
    PoolSnapshot pool = client.poolSnapshot().get(5, TimeUnit.SECONDS);
    assertEquals(1, pool.open(), "only the winner's connection is left: " + pool);
  }
}

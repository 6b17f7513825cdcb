package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.testing.ScriptedServer.readHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What zero and NONE mean for the timeouts. The deadlines themselves are tested on the loop's
 * clock, in {@link LoopClockTimeoutsEndToEndTest}.
 */
@Timeout(60)
class TimeoutsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  @Test
  void zeroAndNegativeTimeoutsAreRefusedWithAHintForNoLimit() {
    AsyncHttpClient.Builder builder = AsyncHttpClient.builder();
    HttpRequest.Builder request = HttpRequest.newBuilder("http://localhost/");
    for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
      List<IllegalArgumentException> errors = List.of(
          assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(bad)),
          assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(bad)),
          assertThrows(IllegalArgumentException.class, () -> request.connectTimeout(bad)),
          assertThrows(IllegalArgumentException.class, () -> request.requestTimeout(bad)));
      for (IllegalArgumentException error : errors) {
        assertTrue(error.getMessage().contains("Timeouts.NONE"), error.getMessage());
      }
    }
  }

  @Test
  void onlyDurationsBeyondNanosecondCountingMeanNoLimit() {
    assertTrue(Timeouts.isUnlimited(Timeouts.NONE));
    assertTrue(Timeouts.isUnlimited(ChronoUnit.FOREVER.getDuration()));
    assertTrue(Timeouts.isUnlimited(Duration.ofNanos(Long.MAX_VALUE).plusNanos(1)));
    assertTrue(!Timeouts.isUnlimited(Duration.ofNanos(Long.MAX_VALUE)));
    assertTrue(!Timeouts.isUnlimited(Duration.ofDays(365)));
  }

  /** Answers once the test releases it, so the fetch stays in flight meanwhile. */
  private ScriptedServer heldServer(CountDownLatch requested, CountDownLatch answer)
      throws Exception {
    ScriptedServer server = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      requested.countDown();
      answer.await(30, TimeUnit.SECONDS);
      ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
    });
    closeables.add(server);
    return server;
  }

  private static int pendingTimers(EventLoop loop) throws Exception {
    return CompletableFuture.supplyAsync(() -> loop.stats().pendingTimers(), loop::execute)
        .get(5, TimeUnit.SECONDS);
  }

  /** Timers the fetch holds while the server holds the answer, beyond the loop's own. */
  private int pendingTimersDuringAFetch(AsyncHttpClient.Builder builder,
      HttpRequest.Builder request, EventLoop loop) throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    ScriptedServer server = heldServer(requested, answer);
    int before = pendingTimers(loop);
    try (AsyncHttpClient client = builder.loop(loop).build()) {
      CompletableFuture<HttpResponse> fetch =
          client.fetch(request.uri(URI.create(server.url("/held"))).build());
      try {
        assertTrue(requested.await(10, TimeUnit.SECONDS));
        return pendingTimers(loop) - before;
      } finally {
        answer.countDown();
        assertEquals("done", await(fetch).bodyString());
      }
    }
  }

  @Test
  void noneMeansNoLimitAndArmsNoTimer() throws Exception {
    EventLoop loop = EventLoop.create();
    closeables.add(loop);
    int limited = pendingTimersDuringAFetch(AsyncHttpClient.builder(),
        HttpRequest.newBuilder("http://localhost/"), loop);
    assertEquals(1, limited, "the request deadline; the connect deadline ended with the connect");
    int unlimited = pendingTimersDuringAFetch(AsyncHttpClient.builder()
        .connectTimeout(Timeouts.NONE).requestTimeout(Timeouts.NONE),
        HttpRequest.newBuilder("http://localhost/"), loop);
    assertEquals(0, unlimited, "no deadline armed");
    int unlimitedRequest = pendingTimersDuringAFetch(AsyncHttpClient.builder(),
        HttpRequest.newBuilder("http://localhost/").connectTimeout(Timeouts.NONE)
            .requestTimeout(Timeouts.NONE), loop);
    assertEquals(0, unlimitedRequest, "no deadline armed for the request's NONE");
  }
}

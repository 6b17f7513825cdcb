package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.gust.testing.LogCapture;
import io.gust.testing.TestServerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seeds' scenario: a handler that sleeps on the loop holds up a fast one, and the offloaded
 * or asynchronous versions do not. Asserted by order of completion and relative timestamps.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SeedsScenarioEndToEndTest {
  @RegisterExtension
  final TestServerExtension server = new TestServerExtension();

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  /** When a fetch completed, in nanoTime, and its body. */
  private record Done(long atNanos, String body) {}

  private CompletableFuture<Done> fetch(String path) {
    return client.sendAsync(HttpRequest.newBuilder(server.url(path)).build(),
        BodyHandlers.ofString()).thenApply(r -> new Done(System.nanoTime(), r.body()));
  }

  /** Starts the slow fetch, waits 100 ms (the seeds' "second client"), starts /second. */
  private Done[] slowThenSecond(String slowPath) throws Exception {
    CompletableFuture<Done> slow = fetch(slowPath);
    Thread.sleep(100); // plays the second client arriving later; not a synchronisation wait
    long secondStart = System.nanoTime();
    CompletableFuture<Done> second = fetch("/second");
    Done secondDone = second.get(10, TimeUnit.SECONDS);
    Done slowDone = slow.get(10, TimeUnit.SECONDS);
    assertEquals("handle first request\n", slowDone.body());
    assertEquals("handle second request\n", secondDone.body());
    return new Done[] {slowDone, secondDone, new Done(secondStart, "")};
  }

  @Test
  void blockingFirstHoldsUpSecondAndTheWatchdogWarns() throws Exception {
    try (LogCapture logs = LogCapture.of("io.gust.loop.EventLoop")) {
      Done[] done = slowThenSecond("/first");
      assertTrue(done[1].atNanos() >= done[0].atNanos() - TimeUnit.MILLISECONDS.toNanos(50),
          "/second finished before /first although the loop was blocked");
      long secondMillis = TimeUnit.NANOSECONDS.toMillis(done[1].atNanos() - done[2].atNanos());
      assertTrue(secondMillis >= 500, "/second took only " + secondMillis + " ms");
      assertTrue(logs.messagesAtLeast(Level.WARN).stream().anyMatch(m -> m.contains("blocked")),
          () -> "no watchdog warning in " + logs.messagesAtLeast(Level.WARN));
    }
  }

  @Test
  void offloadedFirstLetsSecondThrough() throws Exception {
    assertSecondIsNotHeldUp("/first-offloaded");
  }

  @Test
  void asyncFirstLetsSecondThrough() throws Exception {
    assertSecondIsNotHeldUp("/first-async");
  }

  private void assertSecondIsNotHeldUp(String slowPath) throws Exception {
    Done[] done = slowThenSecond(slowPath);
    assertTrue(done[1].atNanos() < done[0].atNanos(), "/second did not finish first");
    long secondNanos = done[1].atNanos() - done[2].atNanos();
    long slowRemainderNanos = done[0].atNanos() - done[2].atNanos();
    assertTrue(secondNanos * 3 < slowRemainderNanos,
        "/second took " + secondNanos + " ns while the slow one took " + slowRemainderNanos);
  }
}

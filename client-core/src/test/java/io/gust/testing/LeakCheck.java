package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import io.gust.client.AsyncHttpClient;
import io.gust.client.PoolSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The after-each checks of the house style, as a JUnit extension: the clients a test
 * {@link #track tracks} are closed and their pools must be empty, no socket, pipe or selector
 * may be open beyond the count before the test, and nothing may have been logged at ERROR by
 * {@code io.gust.loop} (an uncaught loop error).
 *
 * <pre>{@code
 * @RegisterExtension final LeakCheck leaks = new LeakCheck();
 * ... AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
 * }</pre>
 *
 * Close servers the test opened in {@code @AfterEach}: extension checks run after it.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
  static {
    warmUp();
  }

  private final List<AsyncHttpClient> clients = new ArrayList<>();
  private int baseline;
  private LogCapture loopErrors;

  /** Closes {@code client} after the test and checks its pool; returns it. */
  public AsyncHttpClient track(AsyncHttpClient client) {
    clients.add(client);
    return client;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    baseline = channelCount();
    loopErrors = LogCapture.of("io.gust.loop");
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      for (AsyncHttpClient client : clients) {
        client.close();
        PoolSnapshot snapshot = client.poolSnapshot().get(5, TimeUnit.SECONDS);
        assertEquals(0, snapshot.open(), () -> "pool not empty after close: " + snapshot);
        assertEquals(0, snapshot.queued(), "queue not empty after close");
      }
      awaitChannelsAtMost(baseline, Duration.ofSeconds(5));
      assertEquals(List.of(), loopErrors.messagesAtLeast(Level.ERROR), "uncaught loop errors");
    } finally {
      loopErrors.close();
      clients.clear();
    }
  }

  /** Open sockets, pipes and event polls: what a leaked connection or loop holds. */
  public static int channelCount() {
    int count = 0;
    for (String fd : OpenFiles.describe()) {
      if (fd.contains("socket:") || fd.contains("pipe:") || fd.contains("eventpoll")) {
        count++;
      }
    }
    return count;
  }

  /** Opens what the JDK keeps open for good once first used, so it is not counted as a leak. */
  private static void warmUp() {
    try (AsyncHttpClient client = AsyncHttpClient.create()) {
      int port;
      try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
        port = closed.getLocalPort();
      }
      // No lambda here: one would need this class initialised, on the loop thread, mid-init.
      client.fetch("http://localhost:" + port + "/").get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException expected) {
      // Refused, as intended.
    } catch (Exception e) {
      throw new AssertionError("warm-up failed", e);
    }
  }

  private static String sockets() {
    StringBuilder out = new StringBuilder();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      try {
        out.append(java.nio.file.Files.readString(java.nio.file.Path.of(table)));
      } catch (java.io.IOException e) {
        out.append(table).append(": ").append(e);
      }
    }
    return out.toString();
  }

  /** Waits, with a bound, until at most {@code expected} channels are open. */
  public static void awaitChannelsAtMost(int expected, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    int count;
    while ((count = channelCount()) > expected) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("expected at most " + expected + " open channels but " + count
            + " are open: " + OpenFiles.describe() + "\n" + sockets());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}

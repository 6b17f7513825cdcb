package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import io.gust.client.AsyncHttpClient;
import io.gust.client.PoolSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The after-each checks of the house style, as a JUnit extension. Right after the test method
 * (before {@code @AfterEach}), every client the test {@link #track tracks} and has not closed
 * must hold no pool slot in use and queue no fetch: the test awaited its fetches, so a slot
 * still busy is an exchange that never gave its connection back. After {@code @AfterEach}, the
 * tracked clients are closed, no socket, pipe or selector may be open beyond the count before
 * the test, and nothing may have been logged at ERROR by {@code io.gust.loop} (an uncaught loop
 * error).
 *
 * <pre>{@code
 * @RegisterExtension final LeakCheck leaks = new LeakCheck();
 * ... AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
 * }</pre>
 *
 * Servers the test opens are closed either in {@code @AfterEach} (extension checks run after
 * it) or by handing them to {@link #closing}, which closes them at the same point.
 */
public final class LeakCheck
    implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {
  static {
    warmUp();
  }

  private final List<AsyncHttpClient> clients = new ArrayList<>();
  /** What the test handed to {@link #closing}, closed last first before the clients. */
  private final List<AutoCloseable> resources = new ArrayList<>();
  /** How long a slot may take to be given back after the test's last fetch completed. */
  private final Duration slotRelease;
  private int baseline;
  private LogCapture loopErrors;

  public LeakCheck() {
    this(Duration.ofSeconds(5));
  }

  LeakCheck(Duration slotRelease) {
    this.slotRelease = slotRelease;
  }

  /** Checks {@code client}'s pool at the end of the test, then closes it; returns it. */
  public AsyncHttpClient track(AsyncHttpClient client) {
    clients.add(client);
    return client;
  }

  /**
   * Closes {@code resource} (a server the test started) after {@code @AfterEach}, before the
   * tracked clients are closed and open channels counted; returns it.
   */
  public <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    baseline = channelCount();
    loopErrors = LogCapture.of("io.gust.loop");
  }

  /** Fails when a client the test left open still has a pool slot in use or a fetch queued. */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    for (AsyncHttpClient client : clients) {
      Eventually.noComplaint(slotRelease, () -> slotsInUse(client));
    }
  }

  /** Describes the slots {@code client} has in use or its queue, or null when it has none. */
  private static String slotsInUse(AsyncHttpClient client) {
    if (client.isClosed()) {
      return null;
    }
    PoolSnapshot snapshot = client.poolSnapshot().orTimeout(5, TimeUnit.SECONDS).join();
    return snapshot.busy() == 0 && snapshot.queued() == 0 ? null
        : "pool slot leaked: " + snapshot.busy() + " in use and " + snapshot.queued()
            + " queued at the end of the test: " + snapshot;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      try {
        closeResources();
      } finally {
        for (AsyncHttpClient client : clients) {
          client.close();
        }
      }
      awaitChannelsAtMost(baseline, Duration.ofSeconds(5));
      assertEquals(List.of(), loopErrors.messagesAtLeast(Level.ERROR), "uncaught loop errors");
    } finally {
      loopErrors.close();
      clients.clear();
    }
  }

  /** Closes every resource, last first; the first failure is thrown after all were tried. */
  private void closeResources() throws Exception {
    Exception failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    resources.clear();
    if (failure != null) {
      throw failure;
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
    Eventually.noComplaint(within, () -> {
      int count = channelCount();
      return count <= expected ? null : "expected at most " + expected + " open channels but "
          + count + " are open: " + OpenFiles.describe() + "\n" + sockets();
    });
  }
}

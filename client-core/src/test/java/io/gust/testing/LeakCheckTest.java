package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import java.io.InputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leak check itself: it must fail when a test leaves a pool slot in use. */
@Timeout(20)
class LeakCheckTest {
  /**
   * Regression: the check looked at the pool only after closing the client, when it is always
   * empty, so a test leaving a slot in use passed.
   */
  @Test
  void slotStillInUseAtTheEndOfATestFailsTheCheck() throws Exception {
    BlockingQueue<String> heads = new LinkedBlockingQueue<>();
    LeakCheck check = new LeakCheck(Duration.ofMillis(200));
    try (ScriptedServer silent = ScriptedServer.start((socket, index) -> {
      InputStream in = socket.getInputStream();
      for (String head; (head = ScriptedServer.readHead(in)) != null; ) {
        heads.add(head);
      }
    })) {
      check.beforeEach(null);
      AsyncHttpClient client = check.track(AsyncHttpClient.create());
      client.fetch(silent.url("/never-answered"));
      assertNotNull(heads.poll(5, TimeUnit.SECONDS), "server saw no request");
      AssertionError leak = assertThrows(AssertionError.class, () -> check.afterTestExecution(null));
      assertTrue(leak.getMessage().contains("1 in use"), leak.getMessage());
      check.afterEach(null);
    }
  }

  @Test
  void idlePooledConnectionIsNoLeak() throws Exception {
    LeakCheck check = new LeakCheck(Duration.ofMillis(200));
    try (ScriptedServer server = ScriptedServer.start(ScriptedServer::keepAliveOk)) {
      check.beforeEach(null);
      AsyncHttpClient client = check.track(AsyncHttpClient.create());
      assertEquals(200, client.fetch(server.url("/")).get(5, TimeUnit.SECONDS).code());
      assertEquals(1, client.poolSnapshot().get(5, TimeUnit.SECONDS).idle());
      check.afterTestExecution(null);
      check.afterEach(null);
    }
  }

  @Test
  void resourcesAreClosedLastFirstBeforeTheClientsEvenWhenOneFails() throws Exception {
    LeakCheck check = new LeakCheck(Duration.ofMillis(200));
    List<String> closed = new ArrayList<>();
    check.beforeEach(null);
    AsyncHttpClient client = check.track(AsyncHttpClient.create());
    check.closing(() -> closed.add("first " + client.isClosed()));
    check.closing(() -> {
      closed.add("failing");
      throw new IOException("close failed");
    });
    check.closing(() -> closed.add("last " + client.isClosed()));
    IOException failure = assertThrows(IOException.class, () -> check.afterEach(null));
    assertEquals("close failed", failure.getMessage());
    assertEquals(List.of("last false", "failing", "first false"), closed);
    assertTrue(client.isClosed(), "clients are closed after a resource failed to close");
  }
}

package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import io.gust.websocket.CloseCodes;
import io.gust.websocket.PythonWebSockets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The companion server's WebSocket routes against python3-websockets as the independent client,
 * over real sockets: echo with and without permessage-deflate and over TLS, fragmented messages,
 * pings both ways, keepalive, both sides closing, a message over the limit, backpressure on a
 * slow pull handler, and shutdown.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketEndToEndTest {
  private static final int BACKPRESSURE_MESSAGES = 1000;

  @RegisterExtension
  final LeakCheck leaks = new LeakCheck();

  @RegisterExtension
  final WebSocketRoutes ws = new WebSocketRoutes();

  @ParameterizedTest
  @ValueSource(strings = {"echo-none", "echo-deflate"})
  void pythonClientGetsEveryMessageEchoedThenClosesCleanly(String scenario) throws Exception {
    List<String> lines = ws.runPython("/ws/echo", scenario);
    assertEquals(List.of("echoed 4", "fragments echoed", "pong", "closed 1000"), lines);
  }

  @Test
  void pythonClientEchoesOverTls(@TempDir Path dir) throws Exception {
    Path ca = TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem"));
    try (HttpServer tls = HttpServer.builder().loop(ws.loop)
        .tls(TlsCertificates.serverOptions(TlsCertificates.SERVER)).testRoutes().build().start()) {
      assertEquals(List.of("echoed 4", "fragments echoed", "pong", "closed 1000"),
          WebSocketRoutes.runPython(tls, "/ws/echo", "echo-tls", ca.toString()));
    }
  }

  @Test
  void serverInitiatedCloseReachesThePythonClientWithItsCodeAndReason() throws Exception {
    assertEquals(List.of("closed 4000"), ws.runPython("/ws/close-on-message", "server-close"));
    ws.assertEvents("open", "close 4000 bye");
  }

  @Test
  void serverPingIsAnsweredAndHeardByOnPong() throws Exception {
    assertEquals(List.of("pong:hi"), ws.runPython("/ws/ping", "server-ping"));
    ws.assertEvents("open", "pong hi");
  }

  @Test
  void messageOverTheLimitClosesWith1009() throws Exception {
    assertEquals(List.of("closed 1009"), ws.runPython("/ws/small", "too-big"));
  }

  @Test
  void shutdownClosesOpenSessionsWithGoingAway() throws Exception {
    Process client = ws.startPython("/ws/echo", "going-away");
    BufferedReader out = new BufferedReader(
        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("open", out.readLine());
    ws.server.close();
    assertEquals("closed 1001", out.readLine());
    assertEquals(0, PythonWebSockets.awaitExit(client));
  }

  /**
   * A pull handler that stops receiving stops the reads: the client, sending 64 MiB, blocks with
   * little of it read by the server; once the handler receives again, every message arrives.
   */
  @Test
  void slowPullHandlerKeepsReadsBoundedUntilItReceivesAgain() throws Exception {
    Process client = ws.startPython("/ws/hold", "backpressure",
        Integer.toString(BACKPRESSURE_MESSAGES));
    ServerWebSocketSession session = (ServerWebSocketSession) ws.held.get(20, TimeUnit.SECONDS);
    assertThrows(TimeoutException.class, () -> client.onExit().get(2, TimeUnit.SECONDS),
        "the client sent everything although the handler did not receive");
    long read = onLoop(() -> session.stream().bytesRead());
    assertTrue(read < 2L * 1024 * 1024, "read " + read + " bytes while the handler did not receive");
    assertTrue(onLoop(session::isReadingPaused));
    CompletableFuture<Integer> count = new CompletableFuture<>();
    receiveAll(session, 1, count);
    assertEquals(BACKPRESSURE_MESSAGES, count.get(30, TimeUnit.SECONDS));
    session.close(CloseCodes.NORMAL, "done").get(10, TimeUnit.SECONDS);
    assertEquals(0, PythonWebSockets.awaitExit(client), "the python client saw a wrong close");
  }

  private <T> T onLoop(java.util.function.Supplier<T> read) throws Exception {
    return CompletableFuture.supplyAsync(read, ws.loop::execute).get(5, TimeUnit.SECONDS);
  }

  private static void receiveAll(WebSocketSession session, int received, CompletableFuture<Integer> count) {
    if (received == BACKPRESSURE_MESSAGES) {
      count.complete(received);
      return;
    }
    session.receive().whenComplete((message, error) -> {
      if (error != null || message == null || message.data().size() != 65536) {
        count.completeExceptionally(new AssertionError("message " + received + ": " + message, error));
      } else {
        receiveAll(session, received + 1, count);
      }
    });
  }

  @Test
  void keepalivePingsAnsweredByThePythonClientKeepTheSessionOpen() throws Exception {
    assertEquals(List.of("closed 1000"), ws.runPython("/ws/keepalive-ok", "await-close"));
    ws.assertEvents("open", "close 1000 three pongs");
  }

  @Test
  void subprotocolIsTheServersFirstChoiceAmongThoseOffered() throws Exception {
    assertEquals(List.of("agreed superchat", "server chose superchat"),
        ws.runPython("/ws/chat", "subprotocol"));
  }
}

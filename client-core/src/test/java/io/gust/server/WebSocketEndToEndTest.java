package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import io.gust.websocket.CloseCodes;
import io.gust.websocket.PythonWebSockets;
import io.gust.websocket.WebSocketMessage;
import io.gust.websocket.WebSocketProtocolException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The companion server's WebSocket routes over real sockets: python3-websockets as the
 * independent client (echo with and without permessage-deflate, fragments, pings, both sides
 * closing, a message over the limit, backpressure, shutdown), and a raw socket client for what a
 * library will not do (unmasked frames, unanswered pings and closes, never reading).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketEndToEndTest {
  private static final int BACKPRESSURE_MESSAGES = 1000;

  @RegisterExtension
  final LeakCheck leaks = new LeakCheck();

  private final EventLoop loop = EventLoop.create();
  /** What the listener routes heard, one line per event. */
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  /** The session of {@code /ws/hold}, once its first message arrived. */
  private final CompletableFuture<WebSocketSession> held = new CompletableFuture<>();
  /** What the {@code /ws/flood} handler saw: the sends made before one failed, and that failure. */
  private final CompletableFuture<Throwable> floodRefusal = new CompletableFuture<>();
  private HttpServer server;
  private int baselineTimers;

  @BeforeEach
  void start() throws Exception {
    baselineTimers = pendingTimers();
    server = HttpServer.builder().loop(loop)
        .websocket("/ws/close-on-message", new Recorder() {
          @Override
          public void onText(WebSocketSession session, String text) {
            session.close(4000, "bye");
          }
        })
        .websocket("/ws/ping", new Recorder() {
          @Override
          public void onOpen(WebSocketSession session) {
            super.onOpen(session);
            session.ping(ByteString.encodeUtf8("hi"));
          }

          @Override
          public void onPong(WebSocketSession session, ByteString payload) {
            super.onPong(session, payload);
            session.sendText("pong:" + payload.utf8());
          }
        })
        .websocket("/ws/small", WebSocketOptions.builder().maxMessageBytes(1024).build(),
            TestRoutes::echoWebSocket)
        .websocket("/ws/hold", session -> session.receive().thenRun(() -> held.complete(session)))
        .websocket("/ws/keepalive", WebSocketOptions.builder()
            .pingInterval(Duration.ofMillis(200)).build(), new Recorder())
        .websocket("/ws/close-timeout", WebSocketOptions.builder()
            .closeTimeout(Duration.ofMillis(300)).build(), new Recorder() {
              @Override
              public void onOpen(WebSocketSession session) {
                super.onOpen(session);
                session.close(CloseCodes.NORMAL, "bye");
              }
            })
        .websocket("/ws/flood", WebSocketOptions.builder().sendQueueBytes(256 * 1024).build(),
            this::flood)
        .websocket("/ws/listener", new Recorder())
        .websocket("/ws/throws", new Recorder() {
          @Override
          public void onText(WebSocketSession session, String text) {
            throw new IllegalStateException("handler bug");
          }
        })
        .websocket("/ws/keepalive-ok", WebSocketOptions.builder()
            .pingInterval(Duration.ofMillis(100)).build(), new Recorder() {
              private int pongs;

              @Override
              public void onPong(WebSocketSession session, ByteString payload) {
                if (++pongs == 3) {
                  session.close(CloseCodes.NORMAL, "three pongs");
                }
              }
            })
        .testRoutes()
        .build().start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    assertEquals(baselineTimers, pendingTimers(), "timers left behind on the loop");
    loop.close();
  }

  private int pendingTimers() throws Exception {
    return CompletableFuture.supplyAsync(() -> loop.stats().pendingTimers(), loop::execute)
        .get(5, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo-none", "echo-deflate"})
  void pythonClientGetsEveryMessageEchoedThenClosesCleanly(String scenario) throws Exception {
    List<String> lines = runPython("/ws/echo", scenario);
    assertEquals(List.of("echoed 4", "fragments echoed", "pong", "closed 1000"), lines);
  }

  @Test
  void pythonClientEchoesOverTls(@TempDir Path dir) throws Exception {
    Path ca = TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem"));
    try (HttpServer tls = HttpServer.builder().loop(loop)
        .tls(TlsCertificates.serverOptions(TlsCertificates.SERVER)).testRoutes().build().start()) {
      assertEquals(List.of("echoed 4", "fragments echoed", "pong", "closed 1000"),
          runPython(tls, "/ws/echo", "echo-tls", ca.toString()));
    }
  }

  @Test
  void serverInitiatedCloseReachesThePythonClientWithItsCodeAndReason() throws Exception {
    assertEquals(List.of("closed 4000"), runPython("/ws/close-on-message", "server-close"));
    assertEquals("open", poll());
    assertEquals("close 4000 bye", poll());
  }

  @Test
  void serverPingIsAnsweredAndHeardByOnPong() throws Exception {
    assertEquals(List.of("pong:hi"), runPython("/ws/ping", "server-ping"));
    assertEquals("open", poll());
    assertEquals("pong hi", poll());
  }

  @Test
  void messageOverTheLimitClosesWith1009() throws Exception {
    assertEquals(List.of("closed 1009"), runPython("/ws/small", "too-big"));
  }

  @Test
  void shutdownClosesOpenSessionsWithGoingAway() throws Exception {
    Process client = PythonWebSockets.start("session_client.py", Integer.toString(server.port()),
        "/ws/echo", "going-away");
    BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("open", out.readLine());
    server.close();
    assertEquals("closed 1001", out.readLine());
    assertEquals(0, PythonWebSockets.awaitExit(client));
  }

  /**
   * A pull handler that stops receiving stops the reads: the client, sending 64 MiB, blocks with
   * little of it read by the server; once the handler receives again, every message arrives.
   */
  @Test
  void slowPullHandlerKeepsReadsBoundedUntilItReceivesAgain() throws Exception {
    Process client = PythonWebSockets.start("session_client.py", Integer.toString(server.port()),
        "/ws/hold", "backpressure", Integer.toString(BACKPRESSURE_MESSAGES));
    ServerWebSocketSession session = (ServerWebSocketSession) held.get(20, TimeUnit.SECONDS);
    assertThrows(TimeoutException.class, () -> client.onExit().get(2, TimeUnit.SECONDS),
        "the client sent everything although the handler did not receive");
    long read = session.bytesRead();
    assertTrue(read < 2L * 1024 * 1024, "read " + read + " bytes while the handler did not receive");
    assertTrue(session.isReadingPaused());
    CompletableFuture<Integer> count = new CompletableFuture<>();
    receiveAll(session, 1, count);
    assertEquals(BACKPRESSURE_MESSAGES, count.get(30, TimeUnit.SECONDS));
    session.close(CloseCodes.NORMAL, "done").get(10, TimeUnit.SECONDS);
    assertEquals(0, PythonWebSockets.awaitExit(client), "the python client saw a wrong close");
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
  void unmaskedClientFrameClosesWith1002() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/listener")) {
      assertTrue(client.head.startsWith("HTTP/1.1 101 "), client.head);
      client.sendUnmasked((writer, out) -> writer.writeText(out, "not masked"));
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.PROTOCOL_ERROR, close.closeCode());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", poll());
    assertTrue(poll().startsWith("error io.gust.websocket.WebSocketProtocolException"));
    assertEquals("close 1002", poll().substring(0, 10));
  }

  @Test
  void textThatIsNotUtf8ClosesWith1007() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/listener")) {
      client.send((writer, out) -> writer.writeMessage(out, true,
          new okio.Buffer().writeUtf8("ok so far ").writeByte(0xff)));
      assertEquals(CloseCodes.INVALID_PAYLOAD, client.read().closeCode());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", poll());
    assertTrue(poll().startsWith("error io.gust.websocket.WebSocketProtocolException"));
    assertTrue(poll().startsWith("close 1007"));
  }

  @Test
  void listenerThatThrowsClosesWith1011() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/throws")) {
      client.send((writer, out) -> writer.writeText(out, "boom"));
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.INTERNAL_ERROR, close.closeCode());
      assertEquals("internal error", close.closeReason(), "the handler's message stays on the server");
      assertTrue(client.serverClosed());
    }
    assertEquals("open", poll());
    assertEquals("error java.lang.IllegalStateException: handler bug", poll());
    assertEquals("close 1011 internal error", poll());
  }

  @Test
  void listenerHearsTextBinaryAndTheClientsClose() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/listener")) {
      client.send((writer, out) -> {
        writer.writeText(out, "hello");
        writer.writeBinary(out, ByteString.of((byte) 1, (byte) 2));
        writer.writePing(out, ByteString.encodeUtf8("p"));
        writer.writeClose(out, 4001, "client done");
      });
      WebSocketMessage pong = client.read();
      assertEquals(WebSocketMessage.Type.PONG, pong.type());
      assertEquals("p", pong.text());
      WebSocketMessage close = client.read();
      assertEquals(4001, close.closeCode());
      assertTrue(client.serverClosed());
    }
    assertEquals(List.of("open", "text hello", "binary [hex=0102]", "ping p", "close 4001 client done"),
        List.of(poll(), poll(), poll(), poll(), poll()));
  }

  @Test
  void keepalivePingsAnsweredByThePythonClientKeepTheSessionOpen() throws Exception {
    assertEquals(List.of("closed 1000"), runPython("/ws/keepalive-ok", "await-close"));
    assertEquals("open", poll());
    assertEquals("close 1000 three pongs", poll());
  }

  @Test
  void unansweredKeepalivePingClosesWith1011() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/keepalive")) {
      assertEquals(WebSocketMessage.Type.PING, client.read().type());
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.INTERNAL_ERROR, close.closeCode());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", poll());
    assertTrue(poll().startsWith("error java.util.concurrent.TimeoutException"));
    assertTrue(poll().startsWith("close 1011"));
  }

  @Test
  void closeLeftUnansweredClosesTheConnectionAfterTheTimeout() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/close-timeout")) {
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.NORMAL, close.closeCode());
      assertEquals("bye", close.closeReason());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", poll());
    assertTrue(poll().startsWith("error io.gust.server.WebSocketClosedException"));
    assertEquals("close 1006 ", poll());
  }

  /** Sends 64 KiB messages to a client that never reads until the bounded queue refuses one. */
  private void flood(WebSocketSession session) {
    ByteString chunk = ByteString.of(new byte[65536]);
    for (int i = 0; i < 2000; i++) {
      CompletableFuture<Void> sent = session.sendBinary(chunk);
      if (sent.isCompletedExceptionally()) {
        sent.whenComplete((ok, error) -> floodRefusal.complete(error));
        return;
      }
    }
    floodRefusal.complete(null);
  }

  @Test
  void sendQueueRefusesWithATypedErrorAndTheSessionStaysOpen() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/flood")) {
      Throwable refusal = floodRefusal.get(20, TimeUnit.SECONDS);
      assertNotNull(refusal, "2000 messages of 64 KiB were all queued");
      assertInstanceOf(WebSocketQueueFullException.class, refusal);
      assertTrue(((WebSocketQueueFullException) refusal).queuedBytes() <= 256 * 1024);
      assertEquals(WebSocketMessage.Type.BINARY, client.read().type());
    }
  }

  @Test
  void badUpgradeRequestsAreRefused() throws Exception {
    String key = "dGhlIHNhbXBsZSBub25jZQ==";
    assertRefused("GET /ws/echo HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 ");
    String version8 = "GET /ws/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: " + key + "\r\n\r\n";
    String refused = assertRefused(version8, "HTTP/1.1 426 ");
    assertTrue(refused.contains("\r\nSec-WebSocket-Version: 13\r\n"), refused);
    assertTrue(refused.contains("\r\nUpgrade: websocket\r\n"), refused);
    assertRefused(version8.replace("Version: 8", "Version: 13").replace(key, "c2hvcnQ="), "HTTP/1.1 400 ");
    assertRefused(version8.replace("Version: 8", "Version: 13").replace("HTTP/1.1", "HTTP/1.0"),
        "HTTP/1.1 400 ");
    try (RawConnection connection = new RawConnection(server)) {
      String response = connection.send(version8.replace("GET", "POST")).readUntil("not allowed\n", 1);
      assertTrue(response.startsWith("HTTP/1.1 405 "), response);
      assertTrue(response.contains("\r\nAllow: GET, HEAD\r\n"), response);
    }
  }

  private String assertRefused(String request, String statusLine) throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      String response = connection.send(request).readUntilClose();
      assertTrue(response.startsWith(statusLine), response);
      assertTrue(response.contains("\r\nConnection: close\r\n"), response);
      return response;
    }
  }

  @Test
  void secondPendingReceiveIsRefusedAndTheClientsCloseEndsTheFirstWithNull() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/hold")) {
      client.send((writer, out) -> writer.writeText(out, "first"));
      WebSocketSession session = held.get(20, TimeUnit.SECONDS);
      CompletableFuture<WebSocketSession.Message> next = session.receive();
      CompletableFuture<WebSocketSession.Message> second = session.receive();
      assertInstanceOf(IllegalStateException.class,
          assertThrows(Exception.class, () -> second.get(5, TimeUnit.SECONDS)).getCause());
      client.send((writer, out) -> writer.writeClose(out, CloseCodes.NORMAL, ""));
      assertNull(next.get(5, TimeUnit.SECONDS));
      assertEquals(CloseCodes.NORMAL, client.read().closeCode());
      assertEquals(CloseCodes.NORMAL, session.closeCode());
      assertNull(session.receive().get(5, TimeUnit.SECONDS));
    }
  }

  /**
   * A client that sends a message, its close and then its FIN while the pull handler is not
   * receiving: the handler still gets the message, then the clean close (not a dropped session).
   */
  @Test
  void closeFrameBufferedBeforeTheClientsFinStillEndsCleanly() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/ws/hold")) {
      client.send((writer, out) -> writer.writeText(out, "first"));
      WebSocketSession session = held.get(20, TimeUnit.SECONDS);
      client.send((writer, out) -> {
        writer.writeText(out, "second");
        writer.writeClose(out, 4002, "last words");
      });
      client.shutdownOutput();
      assertEquals("second", session.receive().get(5, TimeUnit.SECONDS).text());
      assertNull(session.receive().get(5, TimeUnit.SECONDS));
      assertEquals(4002, session.closeCode());
      assertEquals("last words", session.closeReason());
      assertEquals(4002, client.read().closeCode());
      assertTrue(client.serverClosed());
    }
  }

  @Test
  void receiveOnAListenerSessionIsRefused() throws Exception {
    CompletableFuture<Throwable> refusal = new CompletableFuture<>();
    try (HttpServer listening = HttpServer.builder().loop(loop)
        .websocket("/", new WebSocketListener() {
          @Override
          public void onOpen(WebSocketSession session) {
            session.receive().whenComplete((message, error) -> refusal.complete(error));
          }
        }).build().start();
        RawWebSocket client = RawWebSocket.connect(listening, "/")) {
      assertInstanceOf(IllegalStateException.class, refusal.get(5, TimeUnit.SECONDS));
    }
  }

  private List<String> runPython(String path, String scenario) throws Exception {
    return runPython(server, path, scenario);
  }

  private static List<String> runPython(HttpServer server, String path, String... scenario)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(Integer.toString(server.port()), path));
    args.addAll(List.of(scenario));
    Process client = PythonWebSockets.start("session_client.py", args.toArray(new String[0]));
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertEquals(0, PythonWebSockets.awaitExit(client), () -> "the python client failed after " + lines);
    return lines;
  }

  private String poll() throws InterruptedException {
    String event = events.poll(10, TimeUnit.SECONDS);
    assertNotNull(event, "no listener event within 10 s");
    return event;
  }

  /** Records every event of its sessions as one line in {@link #events}. */
  private class Recorder implements WebSocketListener {
    @Override
    public void onOpen(WebSocketSession session) {
      events.add("open");
    }

    @Override
    public void onText(WebSocketSession session, String text) {
      events.add("text " + text);
    }

    @Override
    public void onBinary(WebSocketSession session, ByteString data) {
      events.add("binary " + data);
    }

    @Override
    public void onPing(WebSocketSession session, ByteString payload) {
      events.add("ping " + payload.utf8());
    }

    @Override
    public void onPong(WebSocketSession session, ByteString payload) {
      events.add("pong " + payload.utf8());
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
      events.add("close " + code + " " + reason);
    }

    @Override
    public void onError(WebSocketSession session, Throwable error) {
      events.add("error " + error);
    }
  }
}

package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.WebSocket;
import io.gust.client.WebSocketQueueFullException;
import io.gust.testing.LeakCheck;
import io.gust.websocket.CloseCodes;
import io.gust.websocket.WebSocketMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The companion server's WebSocket routes against a raw socket client doing what a library will
 * not: unmasked frames, text that is not UTF-8, unanswered pings and closes, never reading, bad
 * upgrade requests, a close then a FIN while the handler is not receiving; and the listener
 * style's events and the pull style's misuse.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketRawClientEndToEndTest {
  @RegisterExtension
  final LeakCheck leaks = new LeakCheck();

  @RegisterExtension
  final WebSocketRoutes ws = new WebSocketRoutes();

  @Test
  void unmaskedClientFrameClosesWith1002() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/listener")) {
      assertTrue(client.head.startsWith("HTTP/1.1 101 "), client.head);
      client.sendUnmasked((writer, out) -> writer.writeText(out, "not masked"));
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.PROTOCOL_ERROR, close.closeCode());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", ws.poll());
    String error = ws.poll();
    assertTrue(error.startsWith("error io.gust.client.WebSocketException: "
        + "the client broke the WebSocket protocol: "), error);
    assertEquals("close 1002", ws.poll().substring(0, 10));
  }

  @Test
  void textThatIsNotUtf8ClosesWith1007() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/listener")) {
      client.send((writer, out) -> writer.writeMessage(out, true,
          new okio.Buffer().writeUtf8("ok so far ").writeByte(0xff)));
      assertEquals(CloseCodes.INVALID_PAYLOAD, client.read().closeCode());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", ws.poll());
    assertTrue(ws.poll().startsWith("error io.gust.client.WebSocketException"));
    assertTrue(ws.poll().startsWith("close 1007"));
  }

  @Test
  void listenerThatThrowsClosesWith1011() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/throws")) {
      client.send((writer, out) -> writer.writeText(out, "boom"));
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.INTERNAL_ERROR, close.closeCode());
      assertEquals("internal error", close.closeReason(), "the handler's message stays on the server");
      assertTrue(client.serverClosed());
    }
    ws.assertEvents("open", "error io.gust.client.WebSocketException: "
        + "a WebSocket callback threw java.lang.IllegalStateException: handler bug",
        "close 1011 internal error");
  }

  @Test
  void listenerHearsTextBinaryAndTheClientsClose() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/listener")) {
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
        List.of(ws.poll(), ws.poll(), ws.poll(), ws.poll(), ws.poll()));
  }

  @Test
  void unansweredKeepalivePingClosesWith1011() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/keepalive")) {
      assertEquals(WebSocketMessage.Type.PING, client.read().type());
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.INTERNAL_ERROR, close.closeCode());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", ws.poll());
    String error = ws.poll();
    assertTrue(error.startsWith("error io.gust.client.WebSocketException: WebSocket "), error);
    assertTrue(ws.poll().startsWith("close 1011"));
  }

  @Test
  void closeLeftUnansweredClosesTheConnectionAfterTheTimeout() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/close-timeout")) {
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.NORMAL, close.closeCode());
      assertEquals("bye", close.closeReason());
      assertTrue(client.serverClosed());
    }
    assertEquals("open", ws.poll());
    assertTrue(ws.poll().startsWith("error io.gust.client.WebSocketException"));
    assertEquals("close 1006 ", ws.poll());
  }

  @Test
  void sendQueueRefusesWithATypedErrorAndTheSessionStaysOpen() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/flood")) {
      Throwable refusal = ws.floodRefusal.get(20, TimeUnit.SECONDS);
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
    try (RawConnection connection = new RawConnection(ws.server)) {
      String response = connection.send(version8.replace("GET", "POST")).readUntil("not allowed\n", 1);
      assertTrue(response.startsWith("HTTP/1.1 405 "), response);
      assertTrue(response.contains("\r\nAllow: GET, HEAD\r\n"), response);
    }
  }

  private String assertRefused(String request, String statusLine) throws Exception {
    try (RawConnection connection = new RawConnection(ws.server)) {
      String response = connection.send(request).readUntilClose();
      assertTrue(response.startsWith(statusLine), response);
      assertTrue(response.contains("\r\nConnection: close\r\n"), response);
      return response;
    }
  }

  @Test
  void secondPendingReceiveIsRefusedAndTheClientsCloseEndsTheFirstWithNull() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/hold")) {
      client.send((writer, out) -> writer.writeText(out, "first"));
      WebSocketSession session = ws.held.get(20, TimeUnit.SECONDS);
      CompletableFuture<WebSocket.Message> next = session.receive();
      CompletableFuture<WebSocket.Message> second = session.receive();
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
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/hold")) {
      client.send((writer, out) -> writer.writeText(out, "first"));
      WebSocketSession session = ws.held.get(20, TimeUnit.SECONDS);
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
    try (HttpServer listening = HttpServer.builder().loop(ws.loop)
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

  @Test
  void sendsFromAnotherThreadArriveInOrderAndBadCloseArgumentsThrowAtOnce() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(ws.server, "/ws/hold")) {
      client.send((writer, out) -> writer.writeText(out, "first"));
      WebSocketSession session = ws.held.get(20, TimeUnit.SECONDS);
      List<CompletableFuture<Void>> sends = new java.util.ArrayList<>();
      for (int i = 0; i < 100; i++) {
        sends.add(session.sendText("m" + i));
      }
      CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
      for (int i = 0; i < 100; i++) {
        assertEquals("m" + i, client.read().text());
      }
      assertThrows(IllegalArgumentException.class, () -> session.close(CloseCodes.NO_STATUS, ""));
      assertThrows(IllegalArgumentException.class, () -> session.close(1000, "x".repeat(124)));
      assertThrows(IllegalArgumentException.class, () -> session.ping(ByteString.of(new byte[126])));
      assertTrue(session.isOpen());
      CompletableFuture<Void> closed = session.close(4003, "enough");
      assertEquals(4003, client.read().closeCode());
      client.send((writer, out) -> writer.writeClose(out, 4003, ""));
      closed.get(10, TimeUnit.SECONDS);
      assertEquals(4003, session.closeCode());
      assertTrue(client.serverClosed());
    }
  }

  /**
   * Regression: an upgrade pipelined behind a slow request, with a frame and the client's FIN
   * (no close frame) after it, left the session open for good: it never heard the input end.
   */
  @Test
  void upgradePipelinedBehindASlowRequestThenFinReadsItsFrameThenDrops() throws Exception {
    okio.Buffer frames = new okio.Buffer();
    try (io.gust.websocket.WebSocketWriter writer = new io.gust.websocket.WebSocketWriter(
        io.gust.websocket.Role.CLIENT, null, Long.MAX_VALUE, new io.gust.websocket.MaskKeys(2))) {
      writer.writeText(frames, "hi");
    }
    try (RawConnection connection = new RawConnection(ws.server)) {
      connection.send("GET /delay/50 HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /ws/listener HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
          + frames.readString(java.nio.charset.StandardCharsets.ISO_8859_1));
      connection.shutdownOutput();
      String answers = connection.readUntilClose();
      assertTrue(answers.contains("delayed 50 ms\n"), answers);
      assertTrue(answers.contains("HTTP/1.1 101 "), answers);
    }
    assertEquals(List.of("open", "text hi"), List.of(ws.poll(), ws.poll()));
    assertTrue(ws.poll().startsWith("error io.gust.client.WebSocketException"));
    assertEquals("close 1006 ", ws.poll());
  }
}

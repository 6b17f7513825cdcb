package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.WebSocketOptions;
import io.gust.testing.LeakCheck;
import io.gust.testing.ManualLoop;
import io.gust.websocket.CloseCodes;
import io.gust.websocket.WebSocketMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Regression tests for the review of the server's WebSocket sessions, on a loop whose clock the
 * test drives: a pull handler that never receives still notices the client's close and its drop;
 * an idle session is closed; keepalive pings go out while reads are paused and past a full send
 * queue.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketSessionReviewFixesEndToEndTest {
  private static final Duration PING = Duration.ofSeconds(10);
  private static final Duration IDLE = Duration.ofSeconds(60);

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final ManualLoop manual = new ManualLoop();
  private final CompletableFuture<WebSocketSession> held = new CompletableFuture<>();
  private final WebSocketOptions options = WebSocketOptions.builder().idleTimeout(IDLE).build();
  private final HttpServer server = HttpServer.builder().loop(manual.loop)
      .websocket("/hold", options, session -> {
        held.complete(session);
      })
      .websocket("/hold-pinging", WebSocketOptions.builder().pingInterval(PING).build(), session -> {
        held.complete(session);
      })
      .websocket("/flood", WebSocketOptions.builder().pingInterval(PING).sendQueueBytes(256 * 1024).build(),
          new WebSocketListener() {
            @Override
            public void onOpen(WebSocketSession session) {
              held.complete(session);
              flood(session);
            }
          })
      .build().start();

  @AfterEach
  void stop() {
    server.close();
    manual.close();
  }

  /** Pins: a pull handler that did not call receive() paused reads and never saw the close. */
  @Test
  void pullHandlerThatDoesNotReceiveStillAnswersTheClientsClose() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/hold")) {
      WebSocketSession session = held.get(10, TimeUnit.SECONDS);
      client.send((writer, out) -> writer.writeClose(out, CloseCodes.NORMAL, "bye"));
      WebSocketMessage answer = client.read();
      assertEquals(CloseCodes.NORMAL, answer.closeCode());
      assertTrue(client.serverClosed());
      assertEquals(CloseCodes.NORMAL, session.closeCode());
    }
  }

  /** Pins: a pull handler that did not call receive() never noticed the client going away. */
  @Test
  void pullHandlerThatDoesNotReceiveNoticesTheClientDropping() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/hold")) {
      WebSocketSession session = held.get(10, TimeUnit.SECONDS);
      client.shutdownOutput();
      assertTrue(client.serverClosed(), "the server closes a connection its client ended");
      manual.pass();
      assertEquals(CloseCodes.ABNORMAL, session.closeCode());
    }
  }

  /** Pins: after the upgrade no idle timer ran, so a silent client held its connection for ever. */
  @Test
  void silentSessionIsClosedWithGoingAwayAfterTheIdleTimeout() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/hold")) {
      held.get(10, TimeUnit.SECONDS);
      manual.advance(IDLE.minusSeconds(1));
      client.send((writer, out) -> writer.writePing(out, ByteString.EMPTY));
      assertEquals(WebSocketMessage.Type.PONG, client.read().type(), "a byte from the client resets the clock");
      manual.advance(IDLE.minusSeconds(1));
      manual.advance(Duration.ofSeconds(2));
      WebSocketMessage close = client.read();
      assertEquals(CloseCodes.GOING_AWAY, close.closeCode());
      assertEquals("idle timeout", close.closeReason());
    }
  }

  /** Pins: keepalive pings were skipped while a pull handler left reads paused. */
  @Test
  void keepalivePingGoesOutWhileReadsArePaused() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/hold-pinging")) {
      ServerWebSocketSession session = (ServerWebSocketSession) held.get(10, TimeUnit.SECONDS);
      ByteString big = ByteString.of(new byte[100 * 1024]);
      client.send((writer, out) -> writer.writeBinary(out, big));
      client.send((writer, out) -> writer.writeBinary(out, big));
      for (int i = 0; i < 100 && !onLoop(session::isReadingPaused); i++) {
        manual.pass();
      }
      assertTrue(onLoop(session::isReadingPaused), "reads pause past the read-ahead");
      manual.advance(PING);
      assertEquals(WebSocketMessage.Type.PING, client.read().type());
      manual.advance(PING);
      assertTrue(session.isOpen(), "a pong that cannot be read while paused is not missed");
    }
  }

  /** Pins: a keepalive ping failed, and was never retried, when the send queue was full. */
  @Test
  void keepalivePingGoesOutPastAFullSendQueue() throws Exception {
    try (RawWebSocket client = RawWebSocket.connect(server, "/flood")) {
      held.get(10, TimeUnit.SECONDS);
      manual.advance(PING);
      boolean pinged = false;
      for (int i = 0; i < 10_000 && !pinged; i++) {
        WebSocketMessage message = client.read();
        pinged = message.type() == WebSocketMessage.Type.PING;
      }
      assertTrue(pinged, "a ping came among the data");
    }
  }

  /** Sends until the queue refuses even an empty message, and again whenever a send was written. */
  private static void flood(WebSocketSession session) {
    ByteString chunk = ByteString.of(new byte[64 * 1024]);
    while (session.isOpen()) {
      CompletableFuture<Void> sent = session.sendBinary(chunk);
      if (sent.isCompletedExceptionally()) {
        while (!session.sendBinary(ByteString.EMPTY).isCompletedExceptionally()) {
          // fill what is left to the byte, so that not even an empty ping fits
        }
        return;
      }
      if (!sent.isDone()) {
        sent.thenRun(() -> flood(session));
      }
    }
  }

  private <T> T onLoop(java.util.function.Supplier<T> read) throws Exception {
    return CompletableFuture.supplyAsync(read, manual.loop::execute).get(5, TimeUnit.SECONDS);
  }
}

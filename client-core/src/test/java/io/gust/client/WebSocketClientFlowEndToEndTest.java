package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.server.HttpServer;
import io.gust.server.WebSocketListener;
import io.gust.server.WebSocketSession;
import io.gust.testing.Eventually;
import io.gust.testing.LeakCheck;
import io.gust.testing.ManualLoop;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WebSocket client's flow control and timers: the close timeout and keepalive pings on the
 * loop's clock, reads that stop while the application does not receive, a send queue that refuses
 * with a typed error, and wss through the client's TLS set-up.
 */
@Timeout(60)
class WebSocketClientFlowEndToEndTest {
  private static final int FLOOD_MESSAGES = 512;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final CountDownLatch serverBlocked = new CountDownLatch(1);

  /** A raw server that completes the handshake, then reads and ignores what comes, answering nothing. */
  private static ScriptedServer silentServer() throws Exception {
    return ScriptedServer.start((socket, index) -> {
      WebSocketClientHostileServerTest.answerHandshake(socket, "");
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // never answers
      }
    });
  }

  @Test
  void closeUnansweredForTheCloseTimeoutClosesTheConnection() throws Exception {
    try (ManualLoop manual = new ManualLoop(); ScriptedServer server = silentServer()) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(manual.loop).build());
      WebSocket ws = client.websocket(WebSocket.request(server.url("/")).build(),
          WebSocketOptions.builder().closeTimeout(Duration.ofSeconds(5)).build(), null).get(10, TimeUnit.SECONDS);
      CompletableFuture<Void> closed = ws.close(1000, "bye");
      manual.pass(); // the close frame went out and its timer is armed
      manual.advanceOnto(Duration.ofSeconds(5), closed);
      closed.get(10, TimeUnit.SECONDS);
      assertEquals(1006, ws.closeCode(), "no close frame came back");
    }
  }

  @Test
  void keepalivePingUnansweredFailsWith1011() throws Exception {
    try (ManualLoop manual = new ManualLoop(); ScriptedServer server = silentServer()) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(manual.loop).build());
      WebSocket ws = client.websocket(WebSocket.request(server.url("/")).build(),
          WebSocketOptions.builder().pingInterval(Duration.ofSeconds(10)).build(), null).get(10, TimeUnit.SECONDS);
      CompletableFuture<WebSocket.Message> next = ws.receive();
      manual.pass();
      manual.advance(Duration.ofSeconds(10));
      assertFalse(next.isDone(), "the first ping went out");
      manual.advance(Duration.ofSeconds(10));
      ExecutionException failed = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
      WebSocketException error = assertInstanceOf(WebSocketException.class, failed.getCause());
      assertEquals(1011, error.closeCode());
      manual.advance(Duration.ofSeconds(5)); // the close timeout: the silent server never answers
    }
  }

  /** Pins: a drop with a cause threw in the close listener ("Can't overwrite cause") and hung receive(). */
  @Test
  void connectionResetFailsThePendingReceiveWith1006() throws Exception {
    try (ScriptedServer server = ScriptedServer.start((socket, index) -> {
      WebSocketClientHostileServerTest.answerHandshake(socket, "");
      socket.getInputStream().read(); // the client's first frame
      socket.setSoLinger(true, 0);
      socket.close(); // a reset
    })) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
      WebSocket ws = client.websocket(server.url("/").replace("http", "ws")).get(10, TimeUnit.SECONDS);
      CompletableFuture<WebSocket.Message> next = ws.receive();
      ws.sendText("hello");
      ExecutionException failed = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
      WebSocketException error = assertInstanceOf(WebSocketException.class, failed.getCause());
      assertEquals(1006, error.closeCode());
      assertEquals(1006, ws.closeCode());
    }
  }

  @Test
  void cancellingTheConnectAbortsTheHandshakeAndReleasesTheConnection() throws Exception {
    CountDownLatch requestSeen = new CountDownLatch(1);
    try (ScriptedServer server = ScriptedServer.start((socket, index) -> {
      ScriptedServer.readHead(socket.getInputStream());
      requestSeen.countDown();
      socket.getInputStream().read(); // never answers; sees the client close
    })) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
      CompletableFuture<WebSocket> connecting = client.websocket(server.url("/").replace("http", "ws"));
      assertTrue(requestSeen.await(10, TimeUnit.SECONDS));
      assertTrue(connecting.cancel(true));
      Eventually.assertThat(Duration.ofSeconds(10), () -> "the handshake's connection is still open",
          () -> client.poolSnapshot().get(5, TimeUnit.SECONDS).open() == 0);
    }
  }

  @Test
  void sendPastTheQueueBoundFailsWithATypedErrorAndTheWebSocketGoesOn() throws Exception {
    try (ScriptedServer server = ScriptedServer.start((socket, index) -> {
      WebSocketClientHostileServerTest.answerHandshake(socket, "");
      serverBlocked.await(30, TimeUnit.SECONDS); // reads nothing meanwhile
    })) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
      WebSocket ws = client.websocket(WebSocket.request(server.url("/")).build(),
          WebSocketOptions.builder().sendQueueBytes(256 * 1024).build(), null).get(10, TimeUnit.SECONDS);
      ByteString chunk = ByteString.of(new byte[64 * 1024]);
      Throwable refused = null;
      for (int i = 0; i < 10_000 && refused == null; i++) {
        CompletableFuture<Void> sent = ws.sendBinary(chunk);
        if (sent.isCompletedExceptionally()) {
          refused = assertThrows(ExecutionException.class, sent::get).getCause();
        }
      }
      WebSocketQueueFullException full = assertInstanceOf(WebSocketQueueFullException.class, refused);
      assertTrue(full.queuedBytes() > 0);
      assertTrue(ws.isOpen(), "a refused send leaves the WebSocket open");
      serverBlocked.countDown();
    }
  }

  @Test
  void pullStyleThatDoesNotReceiveStopsReadingUntilItReceivesAgain() throws Exception {
    EventLoop loop = EventLoop.create();
    try {
      pullStyleFlood(loop);
    } finally {
      loop.close();
    }
  }

  private void pullStyleFlood(EventLoop loop) throws Exception {
    CompletableFuture<Void> serverStalled = new CompletableFuture<>();
    AtomicInteger sentCount = new AtomicInteger();
    try (HttpServer server = HttpServer.builder().websocket("/flood", new WebSocketListener() {
      @Override
      public void onOpen(WebSocketSession session) {
        flood(session, sentCount, serverStalled, CompletableFuture.completedFuture(null));
      }
    }).build().start()) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(loop).build());
      WebSocket ws = client.websocket(WebSocket.request("ws://127.0.0.1:" + server.port() + "/flood").build(),
          WebSocketOptions.builder().compression(false).build(), null).get(10, TimeUnit.SECONDS);
      serverStalled.get(20, TimeUnit.SECONDS);
      assertTrue(sentCount.get() < FLOOD_MESSAGES, "the server could send everything");
      ClientWebSocket endpoint = (ClientWebSocket) ws;
      Eventually.assertThat(Duration.ofSeconds(20), () -> "the client still reads",
          () -> CompletableFuture.supplyAsync(endpoint::isReadingPaused, loop::execute)
              .get(5, TimeUnit.SECONDS));
      for (int i = 0; i < FLOOD_MESSAGES; i++) {
        assertEquals(64 * 1024, ws.receive().get(20, TimeUnit.SECONDS).data().size());
      }
      ws.close(1000, "").get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Sends FLOOD_MESSAGES of 64 KiB as fast as the queue takes them; {@code stalled} completes
   * once it refused one, and sending resumes once the last accepted one was written.
   */
  private static void flood(WebSocketSession session, AtomicInteger sent, CompletableFuture<Void> stalled,
      CompletableFuture<Void> last) {
    CompletableFuture<Void> previous = last;
    while (sent.get() < FLOOD_MESSAGES) {
      CompletableFuture<Void> write = session.sendBinary(ByteString.of(new byte[64 * 1024]));
      if (write.isCompletedExceptionally()) {
        stalled.complete(null);
        previous.thenRun(() -> flood(session, sent, stalled, CompletableFuture.completedFuture(null)));
        return;
      }
      sent.incrementAndGet();
      previous = write;
    }
  }

  @Test
  void wssGoesThroughTheClientsTls() throws Exception {
    try (HttpServer server = HttpServer.builder().tls(TlsCertificates.serverOptions(TlsCertificates.SERVER))
        .testRoutes().build().start()) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().tls(TlsCertificates.clientOptions()).build());
      WebSocket ws = client.websocket(WebSocket.request("wss://localhost:" + server.port() + "/ws/echo").build(),
          WebSocketOptions.DEFAULT, null).get(20, TimeUnit.SECONDS);
      assertTrue(ws.response().timings().tls().toNanos() > 0, "a TLS handshake ran");
      ws.sendText("over tls").get(10, TimeUnit.SECONDS);
      assertEquals("over tls", ws.receive().get(10, TimeUnit.SECONDS).text());
      ws.close(1000, "").get(10, TimeUnit.SECONDS);
    }
  }
}

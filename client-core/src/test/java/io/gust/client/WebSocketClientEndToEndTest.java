package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.WebSocketSession;
import io.gust.testing.LeakCheck;
import io.gust.testing.TestServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebSocket client against the companion server's WebSocket routes, both styles. */
@Timeout(60)
class WebSocketClientEndToEndTest {
  private final CompletableFuture<WebSocketSession> held = new CompletableFuture<>();
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @RegisterExtension final TestServerExtension server = new TestServerExtension(builder -> builder
      .websocket("/ws/hold", session -> held.complete(session))
      .websocket("/ws/chat", WebSocketOptions.builder()
          .subprotocols(List.of("chat")).build(), session -> held.complete(session))
      .websocket("/ws/no-context", WebSocketOptions.builder().noContextTakeover(true, true)
          .compressionThresholdBytes(0).build(), WebSocketClientEndToEndTest::echoTwice));

  private static void echoTwice(WebSocketSession session) {
    session.receive().thenCompose(session::send)
        .thenCompose(sent -> session.receive()).thenCompose(session::send);
  }

  private final AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());

  private String url(String path) {
    return server.url(path).toString().replace("http://", "ws://");
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  void pullStyleEchoesTextAndBinaryThenClosesCleanly() throws Exception {
    WebSocket ws = await(client.websocket(url("/ws/echo")));
    assertEquals(101, ws.response().code());
    assertTrue(ws.isCompressed(), "the companion server accepts permessage-deflate");
    await(ws.sendText("héllo"));
    WebSocket.Message text = await(ws.receive());
    assertTrue(text.isText());
    assertEquals("héllo", text.text());
    ByteString big = ByteString.of(new byte[200_000]);
    await(ws.sendBinary(big));
    WebSocket.Message binary = await(ws.receive());
    assertFalse(binary.isText());
    assertEquals(big, binary.data());
    await(ws.close(1000, "bye"));
    assertEquals(1000, ws.closeCode());
    assertEquals("bye", ws.closeReason());
    assertNull(await(ws.receive()), "a clean close ends the receives with null");
  }

  @Test
  void listenerStyleHearsMessagesPingsAndTheClose() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public void onOpen(WebSocket webSocket) {
        events.add("open");
      }

      @Override
      public void onText(WebSocket webSocket, String text) {
        events.add("text " + text);
      }

      @Override
      public void onPong(WebSocket webSocket, ByteString payload) {
        events.add("pong " + payload.utf8());
      }

      @Override
      public void onClose(WebSocket webSocket, int code, String reason) {
        events.add("close " + code + " " + reason);
      }
    };
    WebSocket ws = await(client.websocket(WebSocket.request(url("/ws/echo")).build(),
        WebSocketOptions.builder().compression(false).build(), listener));
    assertFalse(ws.isCompressed());
    await(ws.sendText("one"));
    await(ws.ping(ByteString.encodeUtf8("p")));
    await(ws.close(1000, "done"));
    assertEquals(List.of("open", "text one", "pong p", "close 1000 done"), drain(events, 4));
  }

  @Test
  void serverCloseIsAnsweredAndEndsThePullStyle() throws Exception {
    WebSocket ws = await(client.websocket(url("/ws/hold")));
    WebSocketSession session = await(held);
    CompletableFuture<WebSocket.Message> next = ws.receive();
    await(session.close(4001, "go"));
    assertNull(await(next));
    assertEquals(4001, ws.closeCode());
    assertEquals("go", ws.closeReason());
  }

  @Test
  void answerOtherThan101FailsTheConnectInHeadersPhase() throws Exception {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> await(client.websocket(url("/status/404"))));
    WebSocketException error = assertInstanceOf(WebSocketException.class, failed.getCause());
    assertEquals(Phase.HEADERS, error.phase());
  }

  @Test
  void subprotocolChosenAmongThoseOffered() throws Exception {
    WebSocket ws = await(client.websocket(WebSocket.request(url("/ws/chat")).build(),
        WebSocketOptions.builder().subprotocols(List.of("other", "chat")).build(), null));
    assertEquals("chat", ws.subprotocol());
    await(ws.close(1000, ""));
  }

  private static List<String> drain(BlockingQueue<String> events, int count) throws InterruptedException {
    List<String> got = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String event = events.poll(20, TimeUnit.SECONDS);
      if (event == null) {
        break;
      }
      got.add(event);
    }
    return got;
  }

  @Test
  void serverRouteOptionsChooseNoContextTakeoverForBothSides() throws Exception {
    WebSocket ws = await(client.websocket(url("/ws/no-context")));
    String agreed = ws.response().headers().get("Sec-WebSocket-Extensions");
    assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        agreed, "the route answers with both although the client offered neither");
    for (int i = 0; i < 2; i++) {
      await(ws.send(WebSocket.Message.text("again and again and again")));
      assertEquals("again and again and again", await(ws.receive()).text());
    }
    await(ws.close(1000, ""));
  }

  @Test
  void clientIdleTimeoutClosesWithGoingAway() throws Exception {
    WebSocket ws = await(client.websocket(WebSocket.request(url("/ws/hold")).build(),
        WebSocketOptions.builder().idleTimeout(Duration.ofMillis(200)).build(), null));
    ExecutionException failed = assertThrows(
        ExecutionException.class, () -> await(ws.receive()), "the server never sends");
    WebSocketException error = assertInstanceOf(WebSocketException.class, failed.getCause());
    assertEquals(1001, error.closeCode());
    assertEquals(1001, ws.closeCode());
    await(held).close(1000, "");
  }
}

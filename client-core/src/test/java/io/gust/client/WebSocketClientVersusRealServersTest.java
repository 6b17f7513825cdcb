package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.RealWebSocketServer.Kind;
import io.gust.testing.LeakCheck;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okio.ByteString;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WebSocket client against independent servers started on loopback (Tornado, python3-websockets,
 * Node's ws), each with and without permessage-deflate: echoes of text, binary and large
 * messages, fragmented messages, close codes either way.
 */
@Timeout(90)
class WebSocketClientVersusRealServersTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());

  static Stream<Arguments> servers() {
    return Stream.of(Kind.values()).flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}, deflate {1}")
  @MethodSource("servers")
  void echoesTextBinaryAndLargeMessages(Kind kind, boolean deflate) throws Exception {
    try (RealWebSocketServer server = RealWebSocketServer.start(kind, deflate)) {
      WebSocket ws = await(client.websocket(server.url()));
      assertEquals(deflate, ws.isCompressed());
      byte[] random = new byte[3 << 20];
      new Random(7).nextBytes(random);
      String compressible = "the quick brown fox κόσμε\n".repeat(40_000);
      await(ws.sendText("héllo"));
      assertEquals("héllo", await(ws.receive()).text());
      await(ws.sendBinary(ByteString.of(random, 0, 100)));
      WebSocket.Message small = await(ws.receive());
      assertFalse(small.isText());
      assertEquals(ByteString.of(random, 0, 100), small.data());
      await(ws.sendText(compressible));
      assertEquals(compressible, await(ws.receive()).text());
      await(ws.sendBinary(ByteString.of(random)));
      assertEquals(ByteString.of(random), await(ws.receive()).data());
      await(ws.close(1000, "done"));
      assertEquals(1000, ws.closeCode());
    }
  }

  @ParameterizedTest(name = "{0}, deflate {1}")
  @MethodSource("servers")
  void fragmentedMessageIsReassembled(Kind kind, boolean deflate) throws Exception {
    Assumptions.assumeTrue(kind.fragments(), "this server cannot send fragments on request");
    try (RealWebSocketServer server = RealWebSocketServer.start(kind, deflate)) {
      WebSocket ws = await(client.websocket(server.url()));
      String text = "κόσμε fragments ".repeat(500);
      await(ws.sendText("frag 7 " + text));
      assertEquals(text, await(ws.receive()).text());
      await(ws.close(1000, ""));
    }
  }

  @ParameterizedTest(name = "{0}, deflate {1}")
  @MethodSource("servers")
  void serverCloseCodeAndReasonReachTheClient(Kind kind, boolean deflate) throws Exception {
    try (RealWebSocketServer server = RealWebSocketServer.start(kind, deflate)) {
      WebSocket ws = await(client.websocket(server.url()));
      await(ws.sendText("close 4003 see you"));
      assertNull(await(ws.receive()), "a clean close ends the receives");
      assertEquals(4003, ws.closeCode());
      assertEquals("see you", ws.closeReason());
      assertTrue(!ws.isOpen());
    }
  }

  @ParameterizedTest(name = "{0}, deflate {1}")
  @MethodSource("servers")
  void clientCloseIsAnsweredWithItsCode(Kind kind, boolean deflate) throws Exception {
    try (RealWebSocketServer server = RealWebSocketServer.start(kind, deflate)) {
      WebSocket ws = await(client.websocket(server.url()));
      await(ws.close(4444, "leaving"));
      assertEquals(4444, ws.closeCode(), "the server echoes the client's close code");
      assertNull(await(ws.receive()));
    }
  }
}

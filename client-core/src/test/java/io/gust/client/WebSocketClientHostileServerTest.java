package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.websocket.WebSocketHandshake;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WebSocket client against a raw server that breaks RFC 6455 on purpose, in the categories of
 * the Autobahn test suite that apply to a client: framing, pings, fragmentation, UTF-8, limits,
 * close frames, compression, and the opening handshake. Each case asserts the close code the
 * client fails with, the close frame the server then receives, and (through LeakCheck) that the
 * connection is released.
 */
@Timeout(60)
class WebSocketClientHostileServerTest {
  private static final int FIN = 0x80;
  private static final int RSV1 = 0x40;
  private static final int TEXT = 1;
  private static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
  /** The close code the client sent, or -1 when it sent none before closing. */
  private CompletableFuture<Integer> clientClose;

  /** Answers the handshake with {@code extraFields}, writes {@code frames}, reads the client's close. */
  private ScriptedServer server(String extraFields, byte[] frames) throws IOException {
    CompletableFuture<Integer> closeSeen = new CompletableFuture<>();
    clientClose = closeSeen;
    return ScriptedServer.start((socket, index) -> {
      answerHandshake(socket, extraFields);
      socket.getOutputStream().write(frames);
      socket.getOutputStream().flush();
      closeSeen.complete(readClientClose(socket));
    });
  }

  /** Reads the upgrade request on {@code socket} and answers 101 with {@code extraFields}. */
  static void answerHandshake(Socket socket, String extraFields) throws IOException {
    String head = ScriptedServer.readHead(socket.getInputStream());
    String key = head.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
    ScriptedServer.write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketHandshake.accept(key) + "\r\n"
        + extraFields + "\r\n");
  }

  private static int readClientClose(Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if ((b0 & 0x0f) == CLOSE) {
          return payload.length < 2 ? 1005 : ((payload[0] ^ mask[0]) & 0xff) << 8 | ((payload[1] ^ mask[1]) & 0xff);
        }
      }
    } catch (EOFException e) {
      return -1;
    }
  }

  static byte[] frame(int b0, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b0);
    if (payload.length < 126) {
      out.write(payload.length);
    } else {
      out.write(126);
      out.write(payload.length >> 8);
      out.write(payload.length);
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      out.writeBytes(frame);
    }
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs one case: the client's receive must fail with {@code code}, which it also sends. */
  private void expectFailure(String fields, byte[] frames, WebSocketOptions options, int code) throws Exception {
    try (ScriptedServer server = server(fields, frames)) {
      WebSocket ws = client.websocket(WebSocket.request(server.url("/")).build(), options, null)
          .get(20, TimeUnit.SECONDS);
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> ws.receive().get(20, TimeUnit.SECONDS));
      WebSocketException error = assertInstanceOf(WebSocketException.class, failed.getCause());
      assertEquals(code, error.closeCode(), error.getMessage());
      assertEquals(code, ws.closeCode());
      assertEquals(code, clientClose.get(20, TimeUnit.SECONDS), "the close frame the client sent");
    }
  }

  private void expectFailure(byte[] frames, int code) throws Exception {
    expectFailure("", frames, WebSocketOptions.builder().compression(false).build(), code);
  }

  @Test
  void maskedFrameFromTheServerIsAProtocolError() throws Exception {
    expectFailure(bytes(FIN | TEXT, 0x80 | 2, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2), 1002);
  }

  @Test
  void reservedBitsAreAProtocolError() throws Exception {
    expectFailure(frame(FIN | 0x20 | TEXT, utf8("x")), 1002);
    expectFailure(frame(FIN | 0x10 | TEXT, utf8("x")), 1002);
  }

  @Test
  void reservedOpcodesAreAProtocolError() throws Exception {
    expectFailure(frame(FIN | 3, utf8("x")), 1002);
    expectFailure(frame(FIN | 0xB, utf8("x")), 1002);
  }

  @Test
  void pingOver125BytesIsAProtocolError() throws Exception {
    expectFailure(frame(FIN | PING, new byte[126]), 1002);
  }

  @Test
  void fragmentedPingIsAProtocolError() throws Exception {
    expectFailure(frame(PING, utf8("a")), 1002);
  }

  @Test
  void continuationWithoutAStartIsAProtocolError() throws Exception {
    expectFailure(frame(FIN, utf8("x")), 1002);
  }

  @Test
  void newMessageInsideAFragmentedOneIsAProtocolError() throws Exception {
    expectFailure(concat(frame(TEXT, utf8("a")), frame(FIN | TEXT, utf8("b"))), 1002);
  }

  @Test
  void invalidUtf8InTextFailsWith1007() throws Exception {
    expectFailure(frame(FIN | TEXT, bytes(0xC3, 0x28)), 1007);
  }

  @Test
  void invalidUtf8SplitAcrossFragmentsFailsWith1007() throws Exception {
    expectFailure(concat(frame(TEXT, bytes(0xF0, 0x9F)), frame(FIN, bytes(0x41))), 1007);
  }

  @Test
  void frameOverTheLimitFailsWith1009() throws Exception {
    expectFailure("", frame(FIN | BINARY, new byte[2000]),
        WebSocketOptions.builder().compression(false).maxMessageBytes(1024).build(), 1009);
  }

  @Test
  void messageOverTheLimitAfterInflationFailsWith1009() throws Exception {
    expectFailure("Sec-WebSocket-Extensions: permessage-deflate\r\n",
        frame(FIN | RSV1 | BINARY, deflate(new byte[1 << 20])),
        WebSocketOptions.builder().maxMessageBytes(64 * 1024).build(), 1009);
  }

  @Test
  void closeWithACodeNotAllowedOnTheWireIsAProtocolError() throws Exception {
    for (int code : new int[] {999, 1005, 1006, 1016, 2999, 5000}) {
      expectFailure(frame(FIN | CLOSE, bytes(code >> 8, code & 0xff)), 1002);
    }
  }

  @Test
  void closeWithAOneBytePayloadIsAProtocolError() throws Exception {
    expectFailure(frame(FIN | CLOSE, bytes(3)), 1002);
  }

  @Test
  void closeWithAnInvalidUtf8ReasonFailsWith1007() throws Exception {
    expectFailure(frame(FIN | CLOSE, bytes(0x03, 0xE8, 0xC3, 0x28)), 1007);
  }

  @Test
  void compressedFrameWithoutNegotiationIsAProtocolError() throws Exception {
    expectFailure(frame(FIN | RSV1 | TEXT, deflate(utf8("hello"))), 1002);
  }

  @Test
  void corruptDeflateDataFailsWith1007() throws Exception {
    expectFailure("Sec-WebSocket-Extensions: permessage-deflate\r\n",
        frame(FIN | RSV1 | TEXT, bytes(0xFF, 0xFF, 0xFF, 0xFF)), WebSocketOptions.DEFAULT, 1007);
  }

  @Test
  void pingBetweenFragmentsIsAnsweredAndTheMessageReassembled() throws Exception {
    byte[] frames = concat(frame(TEXT, utf8("ab")), frame(FIN | PING, utf8("p")),
        frame(0, bytes(0xF0, 0x9F)), frame(FIN, bytes(0x98, 0x80)), frame(FIN | CLOSE, bytes(0x03, 0xE8)));
    try (ScriptedServer server = server("", frames)) {
      WebSocket ws = client.websocket(WebSocket.request(server.url("/")).build(),
          WebSocketOptions.builder().compression(false).build(), null).get(20, TimeUnit.SECONDS);
      assertEquals("ab\uD83D\uDE00", ws.receive().get(20, TimeUnit.SECONDS).text());
      assertEquals(null, ws.receive().get(20, TimeUnit.SECONDS));
      assertEquals(1000, ws.closeCode());
      assertEquals(1000, clientClose.get(20, TimeUnit.SECONDS), "the client answers the close");
    }
  }

  @Test
  void handshakeAnswersThatBreakTheRulesFailTheConnect() throws Exception {
    for (String fields : new String[] {
        "Sec-WebSocket-Extensions: permessage-foo\r\n",
        "Sec-WebSocket-Protocol: chat\r\n",
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n"}) {
      try (ScriptedServer server = server(fields, new byte[0])) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> client.websocket(
            WebSocket.request(server.url("/")).build(), WebSocketOptions.DEFAULT, null).get(20, TimeUnit.SECONDS));
        WebSocketException error = assertInstanceOf(WebSocketException.class, failed.getCause(), fields);
        assertEquals(Phase.HEADERS, error.phase());
      }
    }
  }

  @Test
  void wrongAcceptValueFailsTheConnect() throws Exception {
    try (ScriptedServer server = ScriptedServer.start((socket, index) -> {
      ScriptedServer.readHead(socket.getInputStream());
      ScriptedServer.write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketHandshake.accept("AAAAAAAAAAAAAAAAAAAAAA==")
          + "\r\n\r\n");
      socket.getInputStream().read();
    })) {
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> client.websocket(server.url("/").replace("http", "ws")).get(20, TimeUnit.SECONDS));
      assertInstanceOf(WebSocketException.class, failed.getCause());
    }
  }

  /** Raw deflate with the trailing 00 00 ff ff removed, as permessage-deflate sends it. */
  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(data);
      byte[] out = new byte[data.length + 1024];
      int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
      return java.util.Arrays.copyOf(out, n - 4);
    } finally {
      deflater.end();
    }
  }
}

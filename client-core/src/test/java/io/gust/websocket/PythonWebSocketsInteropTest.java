package io.gust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.http.ResponseHead;
import io.gust.http.ResponseHeadParser;
import io.gust.websocket.WebSocketMessage.Type;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The codec against an independent implementation over a real socket: python3-websockets' echo
 * server on loopback, with the HTTP upgrade done by hand with {@link WebSocketHandshake} and
 * {@link PerMessageDeflate}, then frames exchanged with {@link WebSocketWriter} and {@link
 * WebSocketReader}, compressed and not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonWebSocketsInteropTest {
  private static final List<String> OFFERED_PROTOCOLS = List.of("chat", "superchat");

  @Test
  void echoesTextBinaryFragmentsAndPingsWithoutCompression() throws Exception {
    try (EchoServer server = EchoServer.start("none");
        Connection connection = Connection.open(server.port, DeflateParameters.DEFAULT)) {
      assertNull(connection.deflate);
      assertEquals("superchat", connection.subprotocol);
      connection.writer.writeText(connection.out, "Hello ☃");
      assertEquals("Hello ☃", connection.receive(Type.TEXT).text());
      ByteString binary = WebSocketFramingTest.randomBytes(65536);
      connection.writer.writeBinary(connection.out, binary);
      assertEquals(binary, connection.receive(Type.BINARY).payload());

      FrameWriter frames = new FrameWriter(new MaskKeys(4));
      frames.write(connection.out, false, false, FrameHeader.TEXT, new Buffer().writeUtf8("frag"));
      frames.write(connection.out, true, false, FrameHeader.PING, new Buffer().writeUtf8("are you there"));
      frames.write(connection.out, true, false, FrameHeader.CONTINUATION, new Buffer().writeUtf8("mented"));
      assertEquals("are you there", connection.receive(Type.PONG).text());
      assertEquals("fragmented", connection.receive(Type.TEXT).text());
      connection.closeHandshake();
    }
  }

  /**
   * The library's default agreement (a 12-bit server window) and a strict one (no context
   * takeover either way, a 9-bit server window): Gust inflates any window the server picks.
   */
  @ParameterizedTest
  @CsvSource({"default, false, 12", "strict, true, 9"})
  void echoesCompressedMessages(String mode, boolean noContextTakeover, int serverWindowBits) throws Exception {
    try (EchoServer server = EchoServer.start(mode);
        Connection connection = Connection.open(server.port, DeflateParameters.DEFAULT)) {
      assertEquals(new DeflateParameters(noContextTakeover, noContextTakeover, serverWindowBits, 15),
          connection.deflate);
      exchangeCompressible(connection);
      connection.closeHandshake();
    }
  }

  @Test
  void theServerAnswersAnUnmaskedClientFrameWithProtocolError() throws Exception {
    try (EchoServer server = EchoServer.start("none");
        Connection connection = Connection.open(server.port, DeflateParameters.DEFAULT)) {
      new FrameWriter(null).write(connection.out, true, false, FrameHeader.TEXT, new Buffer().writeUtf8("bare"));
      assertEquals(CloseCodes.PROTOCOL_ERROR, connection.receive(Type.CLOSE).closeCode());
    }
  }

  /** Sends compressible messages above and below the threshold; checks echoes and wire savings. */
  private static void exchangeCompressible(Connection connection) throws IOException {
    long wireBefore = connection.bytesRead;
    long payloadBytes = 0;
    for (int i = 0; i < 30; i++) {
      String text = i % 5 == 4 ? "short " + i : ("line " + i + ": the quick brown fox κόσμε\n").repeat(50 + 40 * i);
      connection.writer.writeText(connection.out, text);
      assertEquals(text, connection.receive(Type.TEXT).text(), "message " + i);
      payloadBytes += text.length();
    }
    long wire = connection.bytesRead - wireBefore;
    assertTrue(wire * 5 < payloadBytes, payloadBytes + " bytes of text came in " + wire + " bytes");
  }

  /** python3-websockets' echo server in a child process. */
  private static final class EchoServer implements AutoCloseable {
    final Process process;
    final int port;

    private EchoServer(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static EchoServer start(String mode) throws IOException {
      Process process = PythonWebSockets.start("echo_server.py", mode);
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = stdout.readLine();
      if (line == null) {
        process.destroyForcibly();
        throw new IOException("the echo server exited before printing its port");
      }
      return new EchoServer(process, Integer.parseInt(line.trim()));
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close();
      PythonWebSockets.awaitExit(process);
    }
  }

  /** A blocking client socket after a hand-made upgrade, with the codec on top. */
  private static final class Connection implements AutoCloseable {
    final Socket socket;
    final Buffer in = new Buffer();
    final Buffer out = new Buffer();
    String subprotocol;
    DeflateParameters deflate;
    WebSocketReader reader;
    WebSocketWriter writer;
    long bytesRead;

    private Connection(Socket socket) {
      this.socket = socket;
    }

    static Connection open(int port, DeflateParameters offer) throws IOException {
      Connection connection = new Connection(new Socket());
      try {
        connection.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        connection.socket.setSoTimeout(20_000);
        connection.upgrade(port, offer);
        return connection;
      } catch (IOException | RuntimeException e) {
        connection.close();
        throw e;
      }
    }

    private void upgrade(int port, DeflateParameters offer) throws IOException {
      String key = WebSocketHandshake.newKey();
      out.writeUtf8("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: " + key + "\r\n"
          + "Sec-WebSocket-Protocol: " + WebSocketHandshake.subprotocolOffer(OFFERED_PROTOCOLS) + "\r\n"
          + PerMessageDeflate.HEADER + ": " + PerMessageDeflate.offer(offer) + "\r\n\r\n");
      flush();
      ResponseHeadParser parser = new ResponseHeadParser();
      ResponseHead head;
      while ((head = parser.parse(in)) == null) {
        fill();
      }
      WebSocketHandshake.checkResponse(head.code(), head.headers(), key);
      subprotocol = WebSocketHandshake.checkSubprotocol(OFFERED_PROTOCOLS, head.headers().values("Sec-WebSocket-Protocol"));
      deflate = PerMessageDeflate.accept(offer, head.headers().values(PerMessageDeflate.HEADER));
      reader = new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, deflate);
      writer = new WebSocketWriter(Role.CLIENT, deflate, WebSocketWriter.DEFAULT_COMPRESSION_THRESHOLD, new MaskKeys(16));
    }

    /** Sends what was written, then reads until a message arrives; asserts its type. */
    WebSocketMessage receive(Type expected) throws IOException {
      flush();
      WebSocketMessage message;
      while ((message = reader.read(in)) == null) {
        fill();
      }
      assertEquals(expected, message.type(), message.toString());
      return message;
    }

    /** Sends a close, expects the echoed close, then the server's end of the TCP connection. */
    void closeHandshake() throws IOException {
      writer.writeClose(out, CloseCodes.NORMAL, "done");
      WebSocketMessage close = receive(Type.CLOSE);
      assertEquals(CloseCodes.NORMAL, close.closeCode());
      assertEquals("done", close.closeReason());
      assertEquals(-1, socket.getInputStream().read());
    }

    private void flush() throws IOException {
      out.writeTo(socket.getOutputStream());
      socket.getOutputStream().flush();
    }

    private void fill() throws IOException {
      byte[] chunk = new byte[8192];
      int n = socket.getInputStream().read(chunk);
      if (n == -1) {
        throw new IOException("the server closed the connection");
      }
      bytesRead += n;
      in.write(chunk, 0, n);
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
      if (writer != null) {
        writer.close();
      }
      socket.close();
    }
  }
}

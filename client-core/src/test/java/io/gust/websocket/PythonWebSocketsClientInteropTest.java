package io.gust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.client.Headers;
import io.gust.http.RequestHead;
import io.gust.http.RequestHeadParser;
import io.gust.websocket.WebSocketMessage.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The codec in the server role against python3-websockets' client over a real socket: the
 * upgrade request checked and answered by hand with {@link WebSocketHandshake} and {@link
 * PerMessageDeflate}, then every message echoed with a server {@link WebSocketReader} and {@link
 * WebSocketWriter}. The client checks the echoes and the close, and exits 0 only if all matched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonWebSocketsClientInteropTest {
  /**
   * The client's default offer ({@code client_max_window_bits} without a value), one asking for
   * no context takeover, and one asking for a 10-bit server window, which Gust declines.
   */
  @ParameterizedTest
  @CsvSource({"default, false, true", "no-context, true, true", "small-window, false, false"})
  void echoesEveryMessageOfThePythonClient(String mode, boolean noContextTakeover, boolean compressed)
      throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(20_000);
      Process client = PythonWebSockets.start("echo_client.py", Integer.toString(listener.getLocalPort()), mode);
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(20_000);
        DeflateParameters agreed = echo(socket.getInputStream(), socket.getOutputStream());
        DeflateParameters expected = new DeflateParameters(noContextTakeover, noContextTakeover, 15, 15);
        assertEquals(compressed ? expected : null, agreed);
      } finally {
        assertEquals(0, PythonWebSockets.awaitExit(client), "the python client saw a wrong echo");
      }
    }
  }

  /** Answers the upgrade, echoes messages until the client's close, and answers that. */
  private static DeflateParameters echo(InputStream input, OutputStream output) throws IOException {
    Buffer in = new Buffer();
    RequestHead request;
    RequestHeadParser parser = new RequestHeadParser();
    while ((request = parser.parse(in)) == null) {
      fill(input, in);
    }
    Headers headers = request.headers();
    String key = WebSocketHandshake.checkRequest(request.method(), headers);
    String protocol = WebSocketHandshake.selectSubprotocol(headers.values("Sec-WebSocket-Protocol"), List.of("chat"));
    DeflateParameters deflate = PerMessageDeflate.negotiate(headers.values(PerMessageDeflate.HEADER),
        DeflateParameters.DEFAULT);
    Buffer out = new Buffer().writeUtf8("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketHandshake.accept(key) + "\r\n"
        + "Sec-WebSocket-Protocol: " + protocol + "\r\n"
        + (deflate != null ? PerMessageDeflate.HEADER + ": " + deflate.headerValue() + "\r\n" : "") + "\r\n");
    try (WebSocketReader reader = new WebSocketReader(Role.SERVER, WebSocketLimits.DEFAULT, deflate);
        WebSocketWriter writer = new WebSocketWriter(Role.SERVER, deflate, 256, null)) {
      while (true) {
        out.writeTo(output);
        WebSocketMessage message;
        while ((message = reader.read(in)) == null) {
          fill(input, in);
        }
        switch (message.type()) {
          case TEXT, BINARY -> writer.writeMessage(out, message.type() == Type.TEXT,
              new Buffer().write(message.payload()));
          case PING -> writer.writePong(out, message.payload());
          case PONG -> { }
          case CLOSE -> {
            writer.writeClose(out, message.closeCode(), message.closeReason());
            out.writeTo(output);
            return deflate;
          }
        }
      }
    }
  }

  private static void fill(InputStream input, Buffer in) throws IOException {
    byte[] chunk = new byte[8192];
    int n = input.read(chunk);
    if (n == -1) {
      throw new IOException("the client closed the connection");
    }
    in.write(chunk, 0, n);
  }
}

package io.gust.server;

import io.gust.websocket.MaskKeys;
import io.gust.websocket.Role;
import io.gust.websocket.WebSocketHandshake;
import io.gust.websocket.WebSocketLimits;
import io.gust.websocket.WebSocketMessage;
import io.gust.websocket.WebSocketProtocolException;
import io.gust.websocket.WebSocketReader;
import io.gust.websocket.WebSocketWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import okio.Buffer;

/**
 * A WebSocket client on a plain blocking socket, for the cases an independent client library
 * will not produce: unmasked frames, a client that never answers pings or closes, one that does
 * not read. Frames are made and read with the codec in the client role (or the server role, for
 * unmasked frames).
 */
final class RawWebSocket implements AutoCloseable {
  private final Socket socket;
  private final Buffer received = new Buffer();
  private final WebSocketReader reader = new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, null);
  private final WebSocketWriter masked = new WebSocketWriter(Role.CLIENT, null, Long.MAX_VALUE, new MaskKeys(8));
  private final WebSocketWriter unmasked = new WebSocketWriter(Role.SERVER, null, Long.MAX_VALUE, null);
  /** The response head to the upgrade request. */
  final String head;

  private RawWebSocket(Socket socket, String head) {
    this.socket = socket;
    this.head = head;
  }

  /** Connects, asks to upgrade {@code path} with a valid request, and reads the answer's head. */
  static RawWebSocket connect(HttpServer server, String path) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5000);
    socket.setSoTimeout(10_000);
    String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + WebSocketHandshake.newKey() + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    return new RawWebSocket(socket, readHead(socket.getInputStream()));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Sends what {@code frames} writes with a masking client writer. */
  RawWebSocket send(BiConsumer<WebSocketWriter, Buffer> frames) throws IOException {
    return write(masked, frames);
  }

  /** Sends what {@code frames} writes without masking, as no client may. */
  RawWebSocket sendUnmasked(BiConsumer<WebSocketWriter, Buffer> frames) throws IOException {
    return write(unmasked, frames);
  }

  private RawWebSocket write(WebSocketWriter writer, BiConsumer<WebSocketWriter, Buffer> frames) throws IOException {
    Buffer out = new Buffer();
    frames.accept(writer, out);
    socket.getOutputStream().write(out.readByteArray());
    return this;
  }

  /** Reads the next message (control messages included), or null when the server closed. */
  WebSocketMessage read() throws IOException, WebSocketProtocolException {
    byte[] chunk = new byte[8192];
    while (true) {
      WebSocketMessage message = reader.read(received);
      if (message != null) {
        return message;
      }
      int n = socket.getInputStream().read(chunk);
      if (n < 0) {
        return null;
      }
      received.write(chunk, 0, n);
    }
  }

  /** Ends this side's output (a TCP FIN); the connection stays open for reading. */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** True once the server closed the connection: the next read sees its end. */
  boolean serverClosed() throws IOException {
    return socket.getInputStream().read() < 0;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    masked.close();
    unmasked.close();
    socket.close();
  }
}

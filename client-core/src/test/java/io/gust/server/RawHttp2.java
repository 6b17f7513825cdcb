package io.gust.server;

import io.gust.http2.ErrorCode;
import io.gust.http2.Frame;
import io.gust.http2.FrameReader;
import io.gust.http2.FrameWriter;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Exception;
import io.gust.http2.Http2Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;

/**
 * A blocking HTTP/2 client over a plain socket that writes exactly the frames a test asks for,
 * with the shared codec, and reads what the server sends back, for error paths no real client
 * takes.
 */
final class RawHttp2 implements AutoCloseable {
  private final Socket socket;
  private final FrameWriter writer = new FrameWriter();
  private final FrameReader reader = new FrameReader();
  private final Buffer in = new Buffer();
  private final byte[] chunk = new byte[16384];

  RawHttp2(HttpServer server) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5000);
    socket.setSoTimeout(10_000);
    reader.setMaxHeaderListSize(1 << 20);
  }

  /** Sends the preface and an empty SETTINGS frame. */
  RawHttp2 handshake() throws IOException {
    return handshake(Http2Settings.DEFAULTS);
  }

  /** Sends the preface and a SETTINGS frame announcing {@code settings}. */
  RawHttp2 handshake(Http2Settings settings) throws IOException {
    Buffer out = new Buffer();
    writer.preface(out);
    writer.settings(out, settings);
    return send(out);
  }

  RawHttp2 send(Buffer frames) throws IOException {
    socket.getOutputStream().write(frames.readByteArray());
    socket.getOutputStream().flush();
    return this;
  }

  /** Sends the frames {@code frames} writes with this client's writer. */
  RawHttp2 send(java.util.function.BiConsumer<FrameWriter, Buffer> frames) throws IOException {
    Buffer out = new Buffer();
    frames.accept(writer, out);
    return send(out);
  }

  FrameWriter writer() {
    return writer;
  }

  /**
   * A {@code method} request head for {@code path} on {@code streamId}, with {@code extra}
   * fields after the pseudo-headers and END_STREAM when {@code end}.
   */
  RawHttp2 request(int streamId, String method, String path, boolean end, HeaderField... extra)
      throws IOException {
    List<HeaderField> fields = requestHead(method, path);
    fields.addAll(List.of(extra));
    Buffer out = new Buffer();
    writer.headers(out, streamId, end, fields);
    return send(out);
  }

  static List<HeaderField> requestHead(String method, String path) {
    List<HeaderField> fields = new ArrayList<>();
    fields.add(new HeaderField(":method", method));
    fields.add(new HeaderField(":scheme", "http"));
    fields.add(new HeaderField(":path", path));
    fields.add(new HeaderField(":authority", "localhost"));
    return fields;
  }

  RawHttp2 data(int streamId, boolean end, String text) throws IOException {
    Buffer out = new Buffer();
    Buffer payload = new Buffer().writeUtf8(text);
    writer.data(out, streamId, end, payload, (int) payload.size());
    return send(out);
  }

  /** The next frame from the server, or null once it closed the connection. */
  Frame read() throws IOException {
    while (true) {
      Frame frame;
      try {
        frame = reader.read(in);
      } catch (Http2Exception e) {
        throw new AssertionError("the server sent a bad frame", e);
      }
      if (frame != null) {
        return frame;
      }
      int n;
      try {
        n = socket.getInputStream().read(chunk);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server sent nothing for 10 s", e);
      } catch (IOException e) {
        return null; // reset
      }
      if (n < 0) {
        return null;
      }
      in.write(chunk, 0, n);
    }
  }

  /** Reads until a frame of {@code type} arrives; fails when the connection ends first. */
  <T extends Frame> T readUntil(Class<T> type) throws IOException {
    for (Frame frame; (frame = read()) != null; ) {
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
    throw new AssertionError("the connection ended before a " + type.getSimpleName());
  }

  /** Reads until the server's GOAWAY and returns its code; fails without one. */
  ErrorCode readGoAway() throws IOException {
    return readUntil(Frame.GoAway.class).errorCode();
  }

  /** Whether the server closes the connection after what it sent (reads to the end). */
  boolean readsToClose() throws IOException {
    while (read() != null) {
      // drain
    }
    return true;
  }

  InputStream input() throws IOException {
    return socket.getInputStream();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package io.gust.http2;

import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Nghttpd;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codec end to end against nghttp2: nghttpd (h2c by prior knowledge, padding every frame)
 * answers requests that Gust's writer encoded, and Gust's reader decodes its answers. Two rounds
 * on one connection keep both sides' dynamic tables in use; nghttpd's smaller header table
 * (512) makes the writer open the second round with a size update, and Gust's (256) makes the
 * reader insist on one from nghttpd; one request needs CONTINUATION.
 */
@Timeout(60)
class NghttpdFrameTest {
  private static final String BODY = "hello from nghttpd\n";

  @TempDir
  Path dir;

  @Test
  void nghttpdAnswersWhatGustEncodesAndGustReadsWhatItSends() throws Exception {
    try (Nghttpd nghttpd = Nghttpd.start(dir, null, "--padding=37", "--header-table-size=512");
        Socket socket = new Socket()) {
      Files.writeString(nghttpd.www().resolve("hello.txt"), BODY);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), nghttpd.port()), 5000);
      socket.setSoTimeout(20_000);
      FrameWriter writer = new FrameWriter();
      FrameReader reader = new FrameReader();
      Buffer out = new Buffer();
      writer.preface(out);
      writer.settings(out, Http2Settings.DEFAULTS.with(Http2Settings.ENABLE_PUSH, 0)
          .with(Http2Settings.HEADER_TABLE_SIZE, 256));
      Connection connection = new Connection(socket, reader, writer);
      connection.send(out);
      for (int round = 0; round < 2; round++) {
        int base = 1 + round * 6;
        writer.headers(out, base, true, request("/hello.txt", "x-round", "" + round));
        writer.headers(out, base + 2, true, request("/missing", "cookie", "sid=abc"));
        writer.headers(out, base + 4, true,
            request("/hello.txt", "x-large", "v".repeat(20_000), "authorization", "Bearer t"));
        connection.send(out);
        Map<Integer, Response> responses = connection.readResponses(3);
        assertEquals("200", responses.get(base).status(), "round " + round);
        assertEquals(BODY, responses.get(base).body().readUtf8());
        assertEquals("404", responses.get(base + 2).status());
        assertEquals("200", responses.get(base + 4).status());
        assertTrue(connection.paddedData > 0, "nghttpd padded its DATA frames");
        assertTrue(connection.acknowledged, "nghttpd acknowledged Gust's SETTINGS");
      }
    }
  }

  private static List<HeaderField> request(String path, String... more) {
    List<HeaderField> fields = fields(":method", "GET", ":scheme", "http", ":path", path,
        ":authority", "127.0.0.1", "user-agent", "gust-test");
    fields.addAll(fields(more));
    return fields;
  }

  /** One response: its status and body. */
  record Response(String status, Buffer body) {}

  /** The test's side of the connection, on a blocking socket: bounded by SO_TIMEOUT. */
  private static final class Connection {
    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Buffer in = new Buffer();
    private int paddedData;
    private boolean acknowledged;

    Connection(Socket socket, FrameReader reader, FrameWriter writer) {
      this.socket = socket;
      this.reader = reader;
      this.writer = writer;
    }

    void send(Buffer out) throws IOException {
      socket.getOutputStream().write(out.readByteArray());
    }

    /** Reads frames, acknowledging SETTINGS, until {@code count} streams have ended. */
    Map<Integer, Response> readResponses(int count) throws IOException {
      Map<Integer, String> statuses = new HashMap<>();
      Map<Integer, Buffer> bodies = new HashMap<>();
      List<Integer> ended = new ArrayList<>();
      while (ended.size() < count) {
        Frame frame = next();
        if (frame instanceof Frame.Settings settings && settings.ack()) {
          reader.setHeaderTableSize(256);
          acknowledged = true;
        } else if (frame instanceof Frame.Settings settings) {
          writer.applyPeerSettings(settings.settings());
          Buffer ack = new Buffer();
          writer.settingsAck(ack);
          send(ack);
        } else if (frame instanceof Frame.Headers headers) {
          FieldValidation.checkResponse(headers.streamId(), headers.fields());
          statuses.put(headers.streamId(), headers.fields().get(0).value());
          bodies.put(headers.streamId(), new Buffer());
          if (headers.endStream()) {
            ended.add(headers.streamId());
          }
        } else if (frame instanceof Frame.Data data) {
          if (data.flowControlledLength() > data.data().size()) {
            paddedData++;
          }
          bodies.get(data.streamId()).writeAll(data.data());
          if (data.endStream()) {
            ended.add(data.streamId());
          }
        } else if (frame instanceof Frame.GoAway || frame instanceof Frame.RstStream) {
          throw new AssertionError("nghttpd refused: " + frame);
        }
      }
      Map<Integer, Response> responses = new HashMap<>();
      for (int id : ended) {
        responses.put(id, new Response(statuses.get(id), bodies.get(id)));
      }
      return responses;
    }

    private Frame next() throws IOException {
      byte[] chunk = new byte[8192];
      InputStream input = socket.getInputStream();
      for (Frame frame = reader.read(in); ; frame = reader.read(in)) {
        if (frame != null) {
          return frame;
        }
        int n = input.read(chunk);
        if (n < 0) {
          throw new AssertionError("nghttpd closed the connection");
        }
        in.write(chunk, 0, n);
      }
    }
  }
}

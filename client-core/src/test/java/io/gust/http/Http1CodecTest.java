package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Headers;
import io.gust.client.Protocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The codec's pieces together: writers read back by parsers, messages back to back in one buffer. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class Http1CodecTest {
  /** Parses one response head and body from {@code in}; null when the input ran out. */
  private static final class ResponseReader {
    private final ResponseHeadParser parser = new ResponseHeadParser();
    private ResponseHead head;
    private BodyDecoder decoder;
    private final Buffer body = new Buffer();

    String read(Buffer in) throws IOException {
      if (head == null) {
        head = parser.parse(in);
        if (head == null) {
          return null;
        }
        decoder = BodyFraming.forResponse("GET", head).newDecoder(CodecLimits.CLIENT);
      }
      if (!decoder.decode(in, body)) {
        return null;
      }
      String result = head.code() + " " + body.readUtf8() + " " + decoder.trailers().values("T");
      head = null;
      return result;
    }
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsPipelinedResponsesBackToBack(Feed feed) throws IOException {
    String wire = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
        + "HTTP/1.1 204 No Content\r\n\r\n"
        + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: x\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    ResponseReader reader = new ResponseReader();
    Buffer in = new Buffer();
    List<String> responses = new ArrayList<>();
    responses.add(feed.run(in, wire, reader::read));
    for (String next = reader.read(in); next != null; next = reader.read(in)) {
      responses.add(next);
    }
    assertEquals(List.of("200 hello []", "204  []", "201 abc [x]", "200  []"), responses);
    assertEquals(0, in.size());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsBackAWrittenRequestWithAChunkedBody(Feed feed) throws IOException {
    Buffer wire = new Buffer();
    Http1Writer.writeRequestHead(wire, "POST", "/upload", Headers.of("Host", "h", "Transfer-Encoding", "chunked"));
    Http1Writer.writeChunk(wire, ByteString.encodeUtf8("part one, "));
    Http1Writer.writeChunk(wire, ByteString.encodeUtf8("part two"));
    Http1Writer.writeLastChunk(wire, Headers.of("Digest", "d"));
    Http1Writer.writeRequestHead(wire, "GET", "/next", Headers.of("Host", "h"));

    Buffer in = new Buffer();
    RequestHeadParser parser = new RequestHeadParser();
    RequestHead head = feed.run(in, wire.readByteString(), parser::parse);
    assertEquals("/upload", head.target());
    BodyDecoder decoder = BodyFraming.forRequest(head).newDecoder(CodecLimits.SERVER);
    Buffer body = new Buffer();
    assertTrue(decoder.decode(in, body));
    assertEquals("part one, part two", body.readUtf8());
    assertEquals(Headers.of("Digest", "d"), decoder.trailers());
    assertEquals("/next", parser.parse(in).target());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void readsBackAWrittenResponse(Feed feed) throws IOException {
    Buffer wire = new Buffer();
    Http1Writer.writeResponseHead(wire, Protocol.HTTP_1_1, 200, null,
        Headers.of("Content-Length", "2", "X-Name", "caf\u00e9"));
    wire.writeUtf8("ok");
    ResponseHead head = feed.run(new Buffer(), wire.readByteString(), new ResponseHeadParser()::parse);
    assertEquals("OK", head.reason());
    assertEquals("caf\u00e9", head.headers().get("X-Name"));
    assertEquals(2, BodyFraming.forResponse("GET", head).contentLength());
  }
}

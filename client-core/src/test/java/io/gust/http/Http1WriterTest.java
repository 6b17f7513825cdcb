package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.client.Headers;
import io.gust.client.HttpRequest;
import io.gust.client.Protocol;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class Http1WriterTest {
  @Test
  void writesTheRequestHeadExactly() {
    Buffer out = new Buffer();
    Http1Writer.writeRequestHead(out, "GET", "/a?b=c", Headers.of("Host", "h:8080", "Accept", "*/*"));
    assertEquals("GET /a?b=c HTTP/1.1\r\nHost: h:8080\r\nAccept: */*\r\n\r\n", out.readUtf8());
  }

  @Test
  void writesTheHeadOfARequest() {
    Buffer out = new Buffer();
    HttpRequest request = HttpRequest.newBuilder("http://h/p?q#f").head().build();
    Http1Writer.writeRequestHead(out, request, Headers.of("Host", request.hostHeader()));
    assertEquals("HEAD /p?q HTTP/1.1\r\nHost: h\r\n\r\n", out.readUtf8());
  }

  @Test
  void writesFieldsInOrderWithTheirSpellingAndLatin1ValuesAsLatin1() throws Exception {
    Buffer out = new Buffer();
    Http1Writer.writeRequestHead(out, "GET", "/", Headers.of("X-a", "1", "x-B", "", "C", "caf\u00e9"));
    assertEquals("GET / HTTP/1.1\r\nX-a: 1\r\nx-B: \r\nC: caf\u00e9\r\n\r\n",
        out.readString(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void writesSingleFieldsWithTheSameEncodingAsHeaders() throws Exception {
    Buffer out = new Buffer();
    Http1Writer.writeRequestLine(out, "GET", "/");
    Http1Writer.writeField(out, "A", "\u00e9");
    Http1Writer.writeField(out, Headers.of("B", "\u00ff"), 0);
    Http1Writer.writeContentLength(out, 12);
    Http1Writer.endHead(out);
    assertEquals("GET / HTTP/1.1\r\nA: \u00e9\r\nB: \u00ff\r\nContent-Length: 12\r\n\r\n",
        out.readString(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeField(out, "A", "\u20ac"));
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeField(out, "A", "a\r\nB: c"));
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeField(out, "A B", "c"));
    assertEquals(0, out.size());
  }

  @Test
  void refusesMethodsAndTargetsThatCouldSplitTheRequestLine() {
    Buffer out = new Buffer();
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeRequestHead(out, "G T", "/", Headers.empty()));
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeRequestHead(out, "GET", "/a b", Headers.empty()));
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeRequestHead(out, "GET", "/\r\n", Headers.empty()));
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeRequestHead(out, "GET", "", Headers.empty()));
    assertEquals(0, out.size());
  }

  @Test
  void writesTheResponseHeadWithGivenOrStandardReason() {
    Buffer out = new Buffer();
    Http1Writer.writeResponseHead(out, Protocol.HTTP_1_1, 404, null, Headers.of("Content-Length", "0"));
    Http1Writer.writeResponseHead(out, Protocol.HTTP_1_0, 200, "Fine", Headers.empty());
    Http1Writer.writeResponseHead(out, Protocol.HTTP_1_1, 599, null, Headers.empty());
    assertEquals("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        + "HTTP/1.0 200 Fine\r\n\r\n"
        + "HTTP/1.1 599 \r\n\r\n", out.readUtf8());
  }

  @Test
  void refusesBadStatusCodesAndReasons() {
    Buffer out = new Buffer();
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeResponseHead(out, Protocol.HTTP_1_1, 99, null, Headers.empty()));
    assertThrows(IllegalArgumentException.class, () -> Http1Writer.writeResponseHead(out, Protocol.HTTP_1_1, 200, "a\nb", Headers.empty()));
  }

  @Test
  void writesChunksInHexAndTheLastChunkWithTrailers() {
    Buffer out = new Buffer();
    Http1Writer.writeChunk(out, ByteString.encodeUtf8("hello"));
    Http1Writer.writeChunk(out, ByteString.of(new byte[26]));
    Http1Writer.writeChunk(out, ByteString.EMPTY);
    Http1Writer.writeLastChunk(out, Headers.of("Checksum", "abc"));
    Buffer expected = new Buffer().writeUtf8("5\r\nhello\r\n1a\r\n").write(new byte[26])
        .writeUtf8("\r\n0\r\nChecksum: abc\r\n\r\n");
    assertEquals(expected.readByteString(), out.readByteString());
  }

  @Test
  void movesBufferedChunkDataAndLeavesTheRest() {
    Buffer data = new Buffer().writeUtf8("abcdef");
    Buffer out = new Buffer();
    Http1Writer.writeChunk(out, data, 4);
    Http1Writer.writeChunk(out, data, 0);
    Http1Writer.writeLastChunk(out, Headers.empty());
    assertEquals("4\r\nabcd\r\n0\r\n\r\n", out.readUtf8());
    assertEquals("ef", data.readUtf8());
  }
}

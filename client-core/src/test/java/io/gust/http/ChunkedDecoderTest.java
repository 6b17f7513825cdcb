package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import io.gust.client.TruncatedBodyException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChunkedDecoderTest {
  private static ChunkedDecoder decoder() {
    return new ChunkedDecoder(CodecLimits.CLIENT, true);
  }

  private static String decode(Feed feed, ChunkedDecoder decoder, Buffer in, String body) throws IOException {
    return feed.decode(decoder, in, ByteString.encodeUtf8(body), true).readUtf8();
  }

  private static String decode(Feed feed, String body) throws IOException {
    return decode(feed, decoder(), new Buffer(), body);
  }

  private static HttpProtocolException rejects(Feed feed, String body) {
    return assertThrows(HttpProtocolException.class, () -> decode(feed, body));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void joinsChunksAndStopsAtTheEnd(Feed feed) throws IOException {
    ChunkedDecoder decoder = decoder();
    Buffer in = new Buffer();
    assertEquals("hello, world!", decode(feed, decoder, in, "5\r\nhello\r\n8\r\n, world!\r\n0\r\n\r\nNEXT"));
    assertEquals("NEXT", in.readUtf8());
    assertEquals(Headers.empty(), decoder.trailers());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void acceptsUpperAndLowerHexAndLeadingZeros(Feed feed) throws IOException {
    String body = "0A\r\n0123456789\r\n00b\r\nabcdefghijk\r\n000\r\n\r\n";
    assertEquals("0123456789abcdefghijk", decode(feed, body));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void ignoresChunkExtensions(Feed feed) throws IOException {
    assertEquals("abc", decode(feed, "3;name=value;flag\r\nabc\r\n0 ; last=\"yes\"\r\n\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void parsesTrailerFields(Feed feed) throws IOException {
    ChunkedDecoder decoder = decoder();
    Buffer in = new Buffer();
    assertEquals("ab", decode(feed, decoder, in, "2\r\nab\r\n0\r\nChecksum: xyz\r\nExpires: never\r\n\r\nrest"));
    assertEquals(Headers.of("Checksum", "xyz", "Expires", "never"), decoder.trailers());
    assertEquals("rest", in.readUtf8());
  }

  /** Regression: a bare LF ended chunk-size lines and chunk data, which CRLF must end. */
  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsABareLineFeedAnywhereInTheFraming(Feed feed) {
    for (String body : new String[] {"3\nabc\r\n0\r\n\r\n", "3;ext=1\nabc\r\n0\r\n\r\n",
        "3\r\nabc\n0\r\n\r\n", "3\r\nabc\r\n0\n\r\n", "\n", "3\nabc\n0\n\n"}) {
      HttpProtocolException e = rejects(feed, body);
      assertEquals(HttpProtocolException.Kind.BAD_CHUNK, e.kind(), body);
      assertEquals(Phase.BODY, e.phase());
    }
    for (String body : new String[] {"0\r\n\n", "0\r\nA: 1\n\r\n", "0\r\nA: 1\r\n\n",
        "3\r\nabc\r\n0\r\nA: 1\r\nB: 2\n\r\n"}) {
      HttpProtocolException e = rejects(feed, body);
      assertEquals(HttpProtocolException.Kind.BAD_HEADER, e.kind(), body);
      assertEquals(Phase.BODY, e.phase());
    }
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void bareLineFeedsAfterTheBodyBelongToTheNextMessage(Feed feed) throws IOException {
    ChunkedDecoder decoder = decoder();
    Buffer in = new Buffer();
    String next = "GET / HTTP/1.1\nHost: x\n\n";
    assertEquals("abc", decode(feed, decoder, in, "3\r\nabc\r\n0\r\nA: 1\r\n\r\n" + next));
    assertEquals(Headers.of("A", "1"), decoder.trailers());
    assertEquals(next, in.readUtf8());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsSizesThatAreNotHex(Feed feed) {
    rejects(feed, "g\r\n");
    rejects(feed, "\r\n");
    rejects(feed, "-5\r\nabcde\r\n0\r\n\r\n");
    rejects(feed, "5x\r\nabcde\r\n0\r\n\r\n");
    rejects(feed, " 5\r\nabcde\r\n0\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsSizesPastALong(Feed feed) {
    rejects(feed, "8000000000000000\r\n");
    rejects(feed, "fffffffffffffffff\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsDataNotFollowedByCrlf(Feed feed) {
    rejects(feed, "3\r\nabcd\r\n0\r\n\r\n");
    rejects(feed, "3\r\nabc\rX0\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsControlCharactersInExtensions(Feed feed) {
    rejects(feed, "3;a\u0000b\r\nabc\r\n0\r\n\r\n");
    rejects(feed, "3;a\rb\r\nabc\r\n0\r\n\r\n");
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void limitsTheChunkSizeLine(Feed feed) {
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> decode(feed, "3;" + "x".repeat(ChunkedDecoder.MAX_CHUNK_LINE_BYTES)));
    assertEquals(MessageTooLargeException.Limit.CHUNK_LINE_BYTES, e.limit());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void limitsTrailersLikeHeads(Feed feed) {
    ChunkedDecoder decoder = new ChunkedDecoder(CodecLimits.CLIENT.withMaxHeaderCount(1), true);
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> decode(feed, decoder, new Buffer(), "0\r\nA: 1\r\nB: 2\r\n\r\n"));
    assertEquals(MessageTooLargeException.Limit.HEADER_COUNT, e.limit());
    assertEquals(Phase.BODY, e.phase());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void limitsDecodedBodyBytesBeforeMovingThem(Feed feed) throws IOException {
    ChunkedDecoder decoder = new ChunkedDecoder(CodecLimits.CLIENT.withMaxBodyBytes(5), true);
    Buffer in = new Buffer();
    Buffer out = new Buffer();
    MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
        () -> feed.run(in, "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", b -> decoder.decode(b, out) ? true : null));
    assertEquals(MessageTooLargeException.Limit.BODY_BYTES, e.limit());
    assertEquals("abc", out.readUtf8());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void reportsTruncationBeforeTheLastChunk(Feed feed) {
    assertThrows(TruncatedBodyException.class, () -> decode(feed, "5\r\nhel"));
    assertThrows(TruncatedBodyException.class, () -> decode(feed, "5\r\nhello\r\n"));
    assertThrows(TruncatedBodyException.class, () -> decode(feed, "5\r\nhello\r\n0\r\n"));
    assertThrows(TruncatedBodyException.class, () -> decode(feed, "5\r\nhello\r\n0\r\nA: 1\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsObsFoldInRequestTrailers(Feed feed) {
    ChunkedDecoder decoder = new ChunkedDecoder(CodecLimits.SERVER, false);
    assertThrows(HttpProtocolException.class,
        () -> decode(feed, decoder, new Buffer(), "0\r\nA: 1\r\n 2\r\n\r\n"));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void errorsSayWhetherAChunkOrATrailerBroke(Feed feed) {
    assertEquals(HttpProtocolException.Kind.BAD_CHUNK, rejects(feed, "zz\r\n").kind());
    assertEquals(HttpProtocolException.Kind.BAD_CHUNK, rejects(feed, "1\r\nab\r\n").kind());
    HttpProtocolException trailer = rejects(feed, "0\r\nno colon\r\n\r\n");
    assertEquals(HttpProtocolException.Kind.BAD_HEADER, trailer.kind());
    assertEquals(Phase.BODY, trailer.phase());
    assertEquals(HttpProtocolException.Kind.TRUNCATED_BODY, rejects(feed, "5\r\nhel").kind());
  }
}

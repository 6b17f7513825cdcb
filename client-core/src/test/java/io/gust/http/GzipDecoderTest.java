package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.TruncatedBodyException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GzipDecoderTest {
  private static final ByteString TEXT = Compression.sampleText(2000);

  private static ByteString decode(Feed feed, ByteString input) throws IOException {
    return feed.decodeContent(new GzipDecoder(Long.MAX_VALUE), input);
  }

  private static ByteString withByte(ByteString bytes, int index, int value) {
    byte[] copy = bytes.toByteArray();
    copy[index] = (byte) value;
    return ByteString.of(copy);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void decodesWhatGzipOutputStreamWrote(Feed feed) throws IOException {
    assertEquals(TEXT, decode(feed, Compression.gzip(TEXT)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void skipsOptionalHeaderFieldsAndChecksTheHeaderCrc(Feed feed) throws IOException {
    Buffer header = new Buffer().write(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
    header.writeShortLe(5).writeUtf8("extra");
    header.writeUtf8("name.txt").writeByte(0).writeUtf8("a comment").writeByte(0);
    CRC32 crc = new CRC32();
    crc.update(header.snapshot().toByteArray());
    header.writeShortLe((int) crc.getValue());
    assertEquals(TEXT, decode(feed, Compression.gzipMember(header.readByteString(), TEXT)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsAWrongHeaderCrc(Feed feed) throws IOException {
    ByteString header = ByteString.of(new byte[] {0x1f, (byte) 0x8b, 8, 2, 0, 0, 0, 0, 0, 3, 0x12, 0x34});
    assertThrows(HttpProtocolException.class, () -> decode(feed, Compression.gzipMember(header, TEXT)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void decodesConcatenatedMembersAsOneBody(Feed feed) throws IOException {
    ByteString first = Compression.gzip(ByteString.encodeUtf8("first "));
    ByteString second = Compression.gzip(ByteString.encodeUtf8("second"));
    ByteString both = new Buffer().write(first).write(second).readByteString();
    assertEquals("first second", decode(feed, both).utf8());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsWhatIsNotGzip(Feed feed) throws IOException {
    ByteString gzip = Compression.gzip(TEXT);
    assertThrows(HttpProtocolException.class, () -> decode(feed, withByte(gzip, 0, 0x1e)));
    assertThrows(HttpProtocolException.class, () -> decode(feed, withByte(gzip, 2, 7)));
    assertThrows(HttpProtocolException.class, () -> decode(feed, withByte(gzip, 3, 0x20)));
    HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> decode(feed, TEXT));
    assertEquals(HttpProtocolException.Kind.BAD_CONTENT_ENCODING, e.kind());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsCorruptData(Feed feed) throws IOException {
    ByteString gzip = Compression.gzip(TEXT);
    assertThrows(HttpProtocolException.class, () -> decode(feed, withByte(gzip, 12, gzip.getByte(12) ^ 0x55)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsAWrongCrcOrSizeInTheTrailer(Feed feed) throws IOException {
    ByteString gzip = Compression.gzip(TEXT);
    int trailer = gzip.size() - 8;
    HttpProtocolException crc = assertThrows(HttpProtocolException.class,
        () -> decode(feed, withByte(gzip, trailer, gzip.getByte(trailer) ^ 1)));
    assertTrue(crc.getMessage().contains("CRC32"), crc.getMessage());
    HttpProtocolException size = assertThrows(HttpProtocolException.class,
        () -> decode(feed, withByte(gzip, trailer + 4, gzip.getByte(trailer + 4) ^ 1)));
    assertTrue(size.getMessage().contains("ISIZE"), size.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void reportsTruncationAtTheEnd(Feed feed) throws IOException {
    ByteString gzip = Compression.gzip(TEXT);
    assertThrows(TruncatedBodyException.class, () -> decode(feed, gzip.substring(0, gzip.size() - 3)));
    assertThrows(TruncatedBodyException.class, () -> decode(feed, gzip.substring(0, gzip.size() / 2)));
    assertThrows(TruncatedBodyException.class, () -> decode(feed, gzip.substring(0, 5)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsGarbageAfterTheLastMember(Feed feed) throws IOException {
    ByteString gzip = new Buffer().write(Compression.gzip(TEXT)).writeUtf8("garbage!!!").readByteString();
    assertThrows(HttpProtocolException.class, () -> decode(feed, gzip));
  }

  @Test
  void decodesAnEmptyBodyToNothing() throws IOException {
    assertEquals(ByteString.EMPTY, decode(Feed.ALL_AT_ONCE, ByteString.EMPTY));
  }

  @Test
  void acceptsOutputOfExactlyTheLimit() throws IOException {
    ByteString gzip = Compression.gzip(TEXT);
    assertEquals(TEXT, Feed.ALL_AT_ONCE.decodeContent(new GzipDecoder(TEXT.size()), gzip));
    assertThrows(MessageTooLargeException.class,
        () -> Feed.ALL_AT_ONCE.decodeContent(new GzipDecoder(TEXT.size() - 1), gzip));
  }

  @Test
  void stopsAGigabyteBombAtTheLimitWithoutInflatingIt() throws IOException {
    ByteString deflated = Compression.deflatedZeros(1024);
    ByteString bomb = new Buffer().write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3})
        .write(deflated).writeIntLe(0).writeIntLe(0).readByteString();
    assertTrue(bomb.size() < 2 << 20, "bomb of " + bomb.size() + " bytes");
    Compression.assertStopsAtLimit(new GzipDecoder(1 << 20), bomb, 1 << 20);
  }
}

package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.HttpProtocolException;
import io.gust.client.TruncatedBodyException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeflateDecoderTest {
  private static final ByteString TEXT = Compression.sampleText(2000);

  private static ByteString decode(Feed feed, ByteString input) throws IOException {
    return feed.decodeContent(new DeflateDecoder(Long.MAX_VALUE), input);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void decodesZlibWrappedDeflate(Feed feed) throws IOException {
    assertEquals(TEXT, decode(feed, Compression.zlib(TEXT)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void decodesRawDeflate(Feed feed) throws IOException {
    assertEquals(TEXT, decode(feed, Compression.rawDeflate(TEXT)));
  }

  @Test
  void tellsZlibHeadersFromRawDeflate() throws IOException {
    ByteString zlib = Compression.zlib(TEXT);
    ByteString raw = Compression.rawDeflate(TEXT);
    assertTrue(DeflateDecoder.isZlibHeader(zlib.getByte(0), zlib.getByte(1)));
    assertFalse(DeflateDecoder.isZlibHeader(raw.getByte(0), raw.getByte(1)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsCorruptData(Feed feed) throws IOException {
    byte[] zlib = Compression.zlib(TEXT).toByteArray();
    zlib[zlib.length - 2] ^= 0x40;
    assertThrows(HttpProtocolException.class, () -> decode(feed, ByteString.of(zlib)));
    byte[] raw = Compression.rawDeflate(TEXT).toByteArray();
    raw[0] = (byte) 0xff;
    assertThrows(HttpProtocolException.class, () -> decode(feed, ByteString.of(raw)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void reportsTruncationAtTheEnd(Feed feed) throws IOException {
    ByteString zlib = Compression.zlib(TEXT);
    assertThrows(TruncatedBodyException.class, () -> decode(feed, zlib.substring(0, zlib.size() - 2)));
    assertThrows(TruncatedBodyException.class, () -> decode(feed, zlib.substring(0, 1)));
    ByteString raw = Compression.rawDeflate(TEXT);
    assertThrows(TruncatedBodyException.class, () -> decode(feed, raw.substring(0, raw.size() / 2)));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void rejectsDataAfterTheEndOfTheStream(Feed feed) throws IOException {
    ByteString input = new Buffer().write(Compression.zlib(TEXT)).writeUtf8("x").readByteString();
    assertThrows(HttpProtocolException.class, () -> decode(feed, input));
  }

  @Test
  void decodesAnEmptyBodyToNothing() throws IOException {
    assertEquals(ByteString.EMPTY, decode(Feed.ALL_AT_ONCE, ByteString.EMPTY));
  }

  @Test
  void decodesTheRepeatedBlockZerosOfTheBombHelper() throws IOException {
    ByteString zeros = decode(Feed.ALL_AT_ONCE, Compression.deflatedZeros(3));
    assertEquals(ByteString.of(new byte[3 << 20]), zeros);
  }

  @Test
  void stopsABombAtTheLimit() {
    ByteString bomb = Compression.deflatedZeros(256);
    Compression.assertStopsAtLimit(new DeflateDecoder(100_000), bomb, 100_000);
  }
}

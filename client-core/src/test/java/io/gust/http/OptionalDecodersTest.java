package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.TruncatedBodyException;
import io.gust.testing.Compressors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** br and zstd decoding of what Debian's brotli and zstd tools produce. */
@Timeout(60)
class OptionalDecodersTest {
  private static final Set<String> ALL = Set.of("gzip", "deflate", "br", "zstd");
  static final byte[] TEXT = text();

  @ParameterizedTest
  @ValueSource(strings = {"br", "zstd"})
  void decodesToolOutputWholeAndOneByteAtATime(String coding) throws Exception {
    byte[] compressed = Compressors.compress(coding, TEXT);
    assertEquals(ByteString.of(TEXT), decode(coding, compressed, compressed.length, 1 << 20));
    assertEquals(ByteString.of(TEXT), decode(coding, compressed, 1, 1 << 20));
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "zstd"})
  void aBombStopsAtTheCapWithoutDecodingTheRest(String coding) throws Exception {
    byte[] compressed = Compressors.compress(coding, new byte[32 << 20]);
    assertTrue(compressed.length < 64 * 1024, "not a bomb: " + compressed.length);
    Buffer out = new Buffer();
    try (ContentDecoder decoder = ContentDecoder.forEncoding(coding, 1 << 20, ALL)) {
      MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
          () -> decoder.decode(new Buffer().write(compressed), out));
      assertEquals(MessageTooLargeException.Limit.DECODED_BODY_BYTES, e.limit());
    }
    assertTrue(out.size() <= 1 << 20, "decoded past the cap: " + out.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "zstd"})
  void aTruncatedStreamIsTypedAtTheEnd(String coding) throws Exception {
    byte[] compressed = Compressors.compress(coding, TEXT);
    byte[] cut = Arrays.copyOf(compressed, compressed.length - 3);
    try (ContentDecoder decoder = ContentDecoder.forEncoding(coding, 1 << 20, ALL)) {
      decoder.decode(new Buffer().write(cut), new Buffer());
      assertThrows(TruncatedBodyException.class, decoder::finish);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "zstd"})
  void garbageAndTrailingBytesAreBadContentEncoding(String coding) throws Exception {
    byte[] garbage = "this is not compressed at all, not even a little".getBytes(StandardCharsets.US_ASCII);
    assertBad(coding, garbage);
    byte[] compressed = Compressors.compress(coding, TEXT);
    byte[] trailing = Arrays.copyOf(compressed, compressed.length + garbage.length);
    System.arraycopy(garbage, 0, trailing, compressed.length, garbage.length);
    assertBad(coding, trailing);
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "zstd"})
  void anEmptyBodyIsEmptyContent(String coding) throws Exception {
    assertEquals(ByteString.EMPTY, decode(coding, new byte[0], 1, 10));
  }

  @Test
  void zstdFramesInARowDecodeAsOneBody() throws Exception {
    byte[] first = Compressors.compress("zstd", "first frame, ".getBytes(StandardCharsets.US_ASCII));
    byte[] second = Compressors.compress("zstd", "second frame".getBytes(StandardCharsets.US_ASCII));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertEquals("first frame, second frame", decode("zstd", both, 3, 100).utf8());
  }

  /** RFC 9659: a zstd frame needing more than an 8 MiB window is refused before decoding. */
  @Test
  void aZstdWindowPastEightMebibytesIsRefused() throws Exception {
    byte[] large = Compressors.compress("zstd", new byte[32 << 20], "--long=27");
    HttpProtocolException e = assertThrows(HttpProtocolException.class,
        () -> decode("zstd", large, 5, Long.MAX_VALUE));
    assertTrue(e.getMessage().contains("window of 33554432 bytes passes"), e.getMessage());
    byte[] eight = Compressors.compress("zstd", TEXT, "--long=23");
    assertEquals(ByteString.of(TEXT), decode("zstd", eight, 1, 1 << 20));
  }

  @Test
  void zstdWindowsAreReadFromEveryHeaderForm() {
    assertEquals(1L << 10, ZstdWindow.bytes(frameHeader(0x00, 0x00)));
    assertEquals((1L << 23) + (1L << 20) * 1, ZstdWindow.bytes(frameHeader(0x00, 13 << 3 | 1)));
    assertEquals(200, ZstdWindow.bytes(frameHeader(0x20, 200)));
    assertEquals(0x1234 + 256, ZstdWindow.bytes(frameHeader(0x60, 0x34, 0x12)));
    assertEquals(ZstdWindow.NEED_MORE, ZstdWindow.bytes(frameHeader(0xa0, 1, 2)));
    assertEquals(0, ZstdWindow.bytes(ByteBuffer.wrap(new byte[] {0x50, 0x2a, 0x4d, 0x18})));
  }

  private static ByteBuffer frameHeader(int descriptor, int... rest) {
    byte[] bytes = new byte[5 + rest.length];
    bytes[0] = 0x28;
    bytes[1] = (byte) 0xb5;
    bytes[2] = 0x2f;
    bytes[3] = (byte) 0xfd;
    bytes[4] = (byte) descriptor;
    for (int i = 0; i < rest.length; i++) {
      bytes[5 + i] = (byte) rest[i];
    }
    return ByteBuffer.wrap(bytes);
  }

  @Test
  void codingsNotAskedForPassThrough() {
    assertNull(ContentDecoder.forEncoding("br", 10));
    assertNull(ContentDecoder.forEncoding("zstd", 10, Set.of("gzip", "br")));
    assertTrue(OptionalCodings.isAvailable("br") && OptionalCodings.isAvailable("zstd"));
  }

  private static void assertBad(String coding, byte[] body) {
    HttpProtocolException e = assertThrows(HttpProtocolException.class,
        () -> decode(coding, body, body.length, 1 << 20));
    assertEquals(HttpProtocolException.Kind.BAD_CONTENT_ENCODING, e.kind(), e.getMessage());
  }

  /** Feeds {@code compressed} in pieces of {@code step} bytes and finishes. */
  static ByteString decode(String coding, byte[] compressed, int step, long cap)
      throws HttpProtocolException {
    Buffer out = new Buffer();
    try (ContentDecoder decoder = ContentDecoder.forEncoding(coding, cap, ALL)) {
      Buffer in = new Buffer();
      for (int i = 0; i < compressed.length; i += step) {
        in.write(compressed, i, Math.min(step, compressed.length - i));
        decoder.decode(in, out);
      }
      decoder.finish();
    }
    return out.readByteString();
  }

  private static byte[] text() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 200_000; i++) {
      text.append("line ").append(i).append(": ").append(Integer.toHexString(i * 2654435761L > 0
          ? (int) (i * 2654435761L) : i)).append(" the quick brown fox\n");
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}

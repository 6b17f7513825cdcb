package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.Phase;
import io.gust.client.TruncatedBodyException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FixedLengthDecoderTest {
  @ParameterizedTest
  @EnumSource(Feed.class)
  void movesExactlyTheAnnouncedLength(Feed feed) throws IOException {
    Buffer in = new Buffer();
    Buffer out = feed.decode(new FixedLengthDecoder(5), in, ByteString.encodeUtf8("helloHTTP/1.1"), true);
    assertEquals("hello", out.readUtf8());
    assertEquals("HTTP/1.1", in.readUtf8());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void reportsTruncationWhenInputEndsEarly(Feed feed) {
    TruncatedBodyException e = assertThrows(TruncatedBodyException.class,
        () -> feed.decode(new FixedLengthDecoder(10), new Buffer(), ByteString.encodeUtf8("hello"), true));
    assertEquals(Phase.BODY, e.phase());
    assertTrue(e.getMessage().contains("5 of 10"), e.getMessage());
  }

  @Test
  void zeroLengthIsCompleteAtOnce() throws IOException {
    FixedLengthDecoder decoder = new FixedLengthDecoder(0);
    assertTrue(decoder.decode(new Buffer(), new Buffer()));
    decoder.endOfInput();
  }

  @Test
  void movesSegmentsRatherThanCopying() throws IOException {
    Buffer in = new Buffer().write(new byte[64 * 1024]);
    byte[] firstSegment = firstSegmentArray(in);
    Buffer out = new Buffer();
    assertTrue(new FixedLengthDecoder(64 * 1024).decode(in, out));
    assertEquals(64 * 1024, out.size());
    assertEquals(0, in.size());
    assertSame(firstSegment, firstSegmentArray(out));
  }

  private static byte[] firstSegmentArray(Buffer buffer) {
    try (Buffer.UnsafeCursor cursor = buffer.readUnsafe()) {
      cursor.seek(0);
      return cursor.data;
    }
  }
}

package io.gust.http2;

import static io.gust.http2.Hpack.decode;
import static io.gust.http2.Hpack.encode;
import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class HpackDecoderTest {
  private final HpackDecoder decoder = new HpackDecoder();

  @Test
  void indexZeroIsACompressionError() {
    assertCompressionError("80");
  }

  @Test
  void indexPastTheTablesIsACompressionError() {
    assertCompressionError("be");
  }

  @Test
  void aStringPastTheEndOfTheBlockIsACompressionError() {
    assertCompressionError("400a637573746f6d");
  }

  @Test
  void aBlockEndingInsideAnIntegerIsACompressionError() {
    assertCompressionError("7f");
  }

  @Test
  void anIntegerPast31BitsIsACompressionError() {
    assertCompressionError("ffffffffff0f");
    assertCompressionError("ff80808080808001");
  }

  @Test
  void anInvalidHuffmanStringIsACompressionError() {
    assertCompressionError("0481ff");
  }

  @Test
  void aSizeUpdateAfterAFieldIsACompressionError() {
    assertCompressionError("823f");
  }

  @Test
  void aSizeUpdateAboveTheSettingIsACompressionError() {
    assertCompressionError("3fe21f");
  }

  @Test
  void sizeUpdatesAtTheStartShrinkTheTable() throws Exception {
    decode(decoder, ByteString.decodeHex("400a637573746f6d2d6b65790d637573746f6d2d686561646572"));
    assertEquals(1, decoder.table().length());
    assertEquals(fields(":method", "GET"), decode(decoder, ByteString.decodeHex("203fe11f82")));
    assertEquals(0, decoder.table().length());
    assertEquals(4096, decoder.table().maxSize());
  }

  @Test
  void aSmallerSettingRequiresASizeUpdateInTheNextBlock() throws Exception {
    decoder.setTableSizeLimit(1024);
    assertCompressionError("82");
  }

  @Test
  void aSmallerSettingIsMetByASizeUpdate() throws Exception {
    decoder.setTableSizeLimit(1024);
    assertEquals(fields(":method", "GET"), decode(decoder, ByteString.decodeHex("3fe10782")));
    assertEquals(1024, decoder.table().maxSize());
    assertEquals(fields(":method", "GET"), decode(decoder, ByteString.decodeHex("82")));
  }

  @Test
  void neverIndexedAndWithoutIndexingLiteralsStayOutOfTheTable() throws Exception {
    decode(decoder, ByteString.decodeHex("100870617373776f726406736563726574"));
    decode(decoder, ByteString.decodeHex("040c2f73616d706c652f70617468"));
    assertEquals(0, decoder.table().length());
  }

  @Test
  void anOversizedListIsDecodedWholeBeforeItIsRefused() throws Exception {
    HpackEncoder encoder = new HpackEncoder();
    decoder.setMaxHeaderListSize(100);
    List<HeaderField> big = fields("x-a", "1".repeat(50), "x-b", "2".repeat(50), "x-c", "3");
    HeaderListTooLargeException e = assertThrows(HeaderListTooLargeException.class,
        () -> decode(decoder, encode(encoder, big)));
    assertFalse(e.isConnectionError());
    assertEquals(1, e.streamId());
    assertEquals(100, e.limit());
    assertEquals(3, decoder.table().length(), "every field entered the table");
    // The next block refers to the entries the refused one added, and decodes the same as the
    // encoder meant.
    decoder.setMaxHeaderListSize(1000);
    List<HeaderField> next = fields("x-c", "3", "x-a", "1".repeat(50));
    ByteString block = encode(encoder, next);
    assertEquals(2, block.size(), "two indexed fields");
    assertEquals(next, decode(decoder, block));
  }

  @Test
  void theListSizeCountsNameValueAndThirtyTwo() throws Exception {
    decoder.setMaxHeaderListSize(32 + 7 + 3);
    assertEquals(fields(":method", "GET"), decode(decoder, ByteString.decodeHex("82")));
    assertTrue(assertThrows(HeaderListTooLargeException.class,
        () -> decode(decoder, ByteString.decodeHex("8282"))).getMessage().contains("42"));
  }

  private void assertCompressionError(String hex) {
    Http2Exception e = assertThrows(Http2Exception.class,
        () -> decode(decoder, ByteString.decodeHex(hex)));
    assertEquals(ErrorCode.COMPRESSION_ERROR, e.errorCode());
    assertTrue(e.isConnectionError());
  }
}

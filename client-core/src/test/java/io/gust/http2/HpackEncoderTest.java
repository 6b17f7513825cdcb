package io.gust.http2;

import static io.gust.http2.Hpack.decode;
import static io.gust.http2.Hpack.encode;
import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class HpackEncoderTest {
  private final HpackEncoder encoder = new HpackEncoder();
  private final HpackDecoder decoder = new HpackDecoder();

  @Test
  void credentialsAreSentNeverIndexed() throws Exception {
    for (String name : List.of("authorization", "proxy-authorization", "set-cookie")) {
      List<HeaderField> field = fields(name, "Basic dXNlcjpwYXNzd29yZA==");
      ByteString first = encode(encoder, field);
      assertEquals(0x10, first.getByte(0) & 0xf0, name + " is a never-indexed literal");
      assertEquals(first, encode(encoder, field), name + " is never found in the table");
      assertEquals(field, decode(decoder, first));
    }
    assertEquals(0, encoder.table().length());
    assertEquals(0, decoder.table().length());
  }

  @Test
  void shortCookiesAreNeverIndexedLongOnesAre() {
    ByteString shortCookie = encode(encoder, fields("cookie", "sid=1234567890abc"));
    assertEquals(0x10, shortCookie.getByte(0) & 0xf0);
    ByteString longCookie = encode(encoder, fields("cookie", "prefs=dark-mode; lang=en-GB; tz=1"));
    assertEquals(0x40, longCookie.getByte(0) & 0xc0);
    assertEquals(1, encoder.table().length());
  }

  @Test
  void aRepeatedFieldBecomesOneOctet() throws Exception {
    List<HeaderField> fields = fields("user-agent", "gust/0.1", "x-request-id", "abc");
    assertEquals(fields, decode(decoder, encode(encoder, fields)));
    ByteString again = encode(encoder, fields);
    assertEquals("bfbe", again.hex());
    assertEquals(fields, decode(decoder, again));
  }

  @Test
  void aFieldTooLargeForTheTableIsNotIndexed() throws Exception {
    List<HeaderField> huge = fields("x-big", "v".repeat(4000));
    ByteString block = encode(encoder, huge);
    assertEquals(0x00, block.getByte(0) & 0xf0);
    assertEquals(0, encoder.table().length());
    assertEquals(huge, decode(decoder, block));
  }

  @Test
  void aPeerTableSizeIsSignalledAtTheStartOfTheNextBlock() throws Exception {
    encode(encoder, fields("x-a", "1"));
    encoder.setPeerTableSize(0);
    encoder.setPeerTableSize(2048);
    decoder.setTableSizeLimit(4096);
    decode(decoder, ByteString.decodeHex("4003782d6101 31".replace(" ", "")));
    ByteString block = encode(encoder, fields(":method", "GET"));
    // 0 first (the smallest in between), then 2048, then the field.
    assertEquals("203fe10f82", block.hex());
    assertEquals(fields(":method", "GET"), decode(decoder, block));
    assertEquals(2048, decoder.table().maxSize());
    assertEquals(0, decoder.table().length());
    assertEquals("82", encode(encoder, fields(":method", "GET")).hex(), "signalled once");
  }

  @Test
  void theTableNeverPassesTheEncodersCap() {
    HpackEncoder capped = new HpackEncoder(true, true, 1024);
    ByteString block = encode(capped, fields(":method", "GET"));
    assertEquals("3fe10782", block.hex(), "the cap is below the default, so it is signalled");
    capped.setPeerTableSize(65536);
    assertEquals("82", encode(capped, fields(":method", "GET")).hex());
    assertEquals(1024, capped.table().maxSize());
  }

  @Test
  void charsWiderThanAnOctetAreRefusedBeforeTheTableChanges() throws Exception {
    encoder.setPeerTableSize(1024);
    assertThrows(IllegalArgumentException.class, () -> encode(encoder,
        fields("x-first", "indexed?", "x-name", "caf\u00e9 \u20ac")));
    assertEquals(0, encoder.table().length(), "no entry the peer never saw");
    decoder.setTableSizeLimit(4096);
    ByteString block = encode(encoder, fields("x-first", "indexed?"));
    assertEquals(0x3f, block.getByte(0) & 0xff, "the pending size update is still sent");
    assertEquals(fields("x-first", "indexed?"), decode(decoder, block));
  }
}

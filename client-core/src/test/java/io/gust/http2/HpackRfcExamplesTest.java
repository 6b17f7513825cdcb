package io.gust.http2;

import static io.gust.http2.Hpack.decode;
import static io.gust.http2.Hpack.encode;
import static io.gust.http2.Hpack.entries;
import static io.gust.http2.Hpack.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every example of RFC 7541 Appendix C: the encoder produces the RFC's octets, the decoder the
 * RFC's fields, and after each block both dynamic tables hold the RFC's entries and size.
 */
class HpackRfcExamplesTest {
  private static final List<HeaderField> REQUEST_1 = fields(":method", "GET", ":scheme", "http",
      ":path", "/", ":authority", "www.example.com");
  private static final List<HeaderField> REQUEST_2 = fields(":method", "GET", ":scheme", "http",
      ":path", "/", ":authority", "www.example.com", "cache-control", "no-cache");
  private static final List<HeaderField> REQUEST_3 = fields(":method", "GET", ":scheme", "https",
      ":path", "/index.html", ":authority", "www.example.com", "custom-key", "custom-value");

  private static final String DATE_1 = "Mon, 21 Oct 2013 20:13:21 GMT";
  private static final String DATE_2 = "Mon, 21 Oct 2013 20:13:22 GMT";
  private static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";
  private static final List<HeaderField> RESPONSE_1 = fields(":status", "302",
      "cache-control", "private", "date", DATE_1, "location", "https://www.example.com");
  private static final List<HeaderField> RESPONSE_2 = fields(":status", "307",
      "cache-control", "private", "date", DATE_1, "location", "https://www.example.com");
  private static final List<HeaderField> RESPONSE_3 = fields(":status", "200",
      "cache-control", "private", "date", DATE_2, "location", "https://www.example.com",
      "content-encoding", "gzip", "set-cookie", COOKIE);

  private static final List<List<HeaderField>> REQUEST_TABLES = List.of(
      fields(":authority", "www.example.com"),
      fields("cache-control", "no-cache", ":authority", "www.example.com"),
      fields("custom-key", "custom-value", "cache-control", "no-cache",
          ":authority", "www.example.com"));
  private static final int[] REQUEST_SIZES = {57, 110, 164};

  private static final List<List<HeaderField>> RESPONSE_TABLES = List.of(
      fields("location", "https://www.example.com", "date", DATE_1, "cache-control", "private",
          ":status", "302"),
      fields(":status", "307", "location", "https://www.example.com", "date", DATE_1,
          "cache-control", "private"),
      fields("set-cookie", COOKIE, "content-encoding", "gzip", "date", DATE_2));
  private static final int[] RESPONSE_SIZES = {222, 222, 215};

  @Test
  void integersOfC1() {
    assertEquals("0a", integer(0x00, 5, 10));
    assertEquals("1f9a0a", integer(0x00, 5, 1337));
    assertEquals("2a", integer(0x00, 8, 42));
  }

  private static String integer(int pattern, int prefixBits, int value) {
    Buffer out = new Buffer();
    HpackEncoder.writeInt(out, pattern, prefixBits, value);
    return out.readByteString().hex();
  }

  @Test
  void literalWithIndexingOfC21() throws Exception {
    ByteString block = ByteString.decodeHex("400a637573746f6d2d6b65790d637573746f6d2d686561646572");
    HpackDecoder decoder = new HpackDecoder();
    assertEquals(fields("custom-key", "custom-header"), decode(decoder, block));
    assertEquals(fields("custom-key", "custom-header"), entries(decoder.table()));
    assertEquals(55, decoder.table().size());
    HpackEncoder encoder = new HpackEncoder(false, true, 4096);
    assertEquals(block, encode(encoder, fields("custom-key", "custom-header")));
    assertEquals(55, encoder.table().size());
  }

  @Test
  void literalWithoutIndexingOfC22() throws Exception {
    HpackDecoder decoder = new HpackDecoder();
    assertEquals(fields(":path", "/sample/path"),
        decode(decoder, ByteString.decodeHex("040c2f73616d706c652f70617468")));
    assertEquals(0, decoder.table().length());
  }

  @Test
  void literalNeverIndexedOfC23() throws Exception {
    HpackDecoder decoder = new HpackDecoder();
    assertEquals(fields("password", "secret"),
        decode(decoder, ByteString.decodeHex("100870617373776f726406736563726574")));
    assertEquals(0, decoder.table().length());
  }

  @Test
  void indexedFieldOfC24() throws Exception {
    HpackDecoder decoder = new HpackDecoder();
    assertEquals(fields(":method", "GET"), decode(decoder, ByteString.decodeHex("82")));
    assertEquals(0, decoder.table().length());
    assertEquals("82", encode(new HpackEncoder(), fields(":method", "GET")).hex());
  }

  @ParameterizedTest(name = "huffman={0}")
  @ValueSource(booleans = {false, true})
  void requestsOfC3AndC4(boolean huffman) throws Exception {
    String[] blocks = huffman
        ? new String[] {"828684418cf1e3c2e5f23a6ba0ab90f4ff", "828684be5886a8eb10649cbf",
            "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf"}
        : new String[] {"828684410f7777772e6578616d706c652e636f6d",
            "828684be58086e6f2d6361636865",
            "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"};
    check(new HpackEncoder(huffman, true, 4096), new HpackDecoder(), blocks,
        List.of(REQUEST_1, REQUEST_2, REQUEST_3), REQUEST_TABLES, REQUEST_SIZES);
  }

  @ParameterizedTest(name = "huffman={0}")
  @ValueSource(booleans = {false, true})
  void responsesOfC5AndC6(boolean huffman) throws Exception {
    String[] blocks = huffman
        ? new String[] {"488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff"
            + "6e919d29ad171863c78f0b97c8e9ae82ae43d3", "4883640effc1c0bf",
            "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b"
            + "335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007"}
        : new String[] {"4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032"
            + "303a31333a323120474d546e1768747470733a2f2f7777772e6578616d706c652e636f6d",
            "4803333037c1c0bf",
            "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a6970773866"
            + "6f6f3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d3336"
            + "30303b2076657273696f6e3d31"};
    // The RFC's encoder indexes set-cookie; Gust's default would send it never-indexed.
    HpackEncoder encoder = new HpackEncoder(huffman, false, 4096);
    encoder.table().setMaxSize(256);
    HpackDecoder decoder = new HpackDecoder();
    decoder.table().setMaxSize(256);
    decoder.setTableSizeLimit(256);
    check(encoder, decoder, blocks, List.of(RESPONSE_1, RESPONSE_2, RESPONSE_3),
        RESPONSE_TABLES, RESPONSE_SIZES);
  }

  private static void check(HpackEncoder encoder, HpackDecoder decoder, String[] blocks,
      List<List<HeaderField>> headerLists, List<List<HeaderField>> tables, int[] sizes)
      throws Http2Exception {
    for (int i = 0; i < blocks.length; i++) {
      ByteString block = ByteString.decodeHex(blocks[i]);
      String step = "block " + (i + 1);
      assertEquals(block.hex(), encode(encoder, headerLists.get(i)).hex(), step);
      assertEquals(headerLists.get(i), decode(decoder, block), step);
      assertEquals(tables.get(i), entries(encoder.table()), step);
      assertEquals(tables.get(i), entries(decoder.table()), step);
      assertEquals(sizes[i], encoder.table().size(), step);
      assertEquals(sizes[i], decoder.table().size(), step);
    }
  }
}

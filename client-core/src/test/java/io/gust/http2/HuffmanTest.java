package io.gust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class HuffmanTest {
  @Test
  void encodesTheRfcExamples() {
    assertEquals("f1e3c2e5f23a6ba0ab90f4ff", encode("www.example.com"));
    assertEquals("a8eb10649cbf", encode("no-cache"));
    assertEquals("640eff", encode("307"));
  }

  @Test
  void everyOctetRoundTrips() {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c < 256; c++) {
      all.append((char) c);
    }
    assertEquals(all.toString(), decode(ByteString.decodeHex(encode(all.toString()))));
  }

  @Test
  void randomStringsRoundTripWithTheirPredictedLength() {
    Random random = new Random(7541);
    for (int i = 0; i < 500; i++) {
      char[] chars = new char[random.nextInt(40)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) (i % 2 == 0 ? 0x20 + random.nextInt(95) : random.nextInt(256));
      }
      String s = new String(chars);
      ByteString encoded = ByteString.decodeHex(encode(s));
      assertEquals(Huffman.encodedLength(s), encoded.size());
      assertEquals(s, decode(encoded));
    }
  }

  @Test
  void paddingOfOnesUpToSevenBitsIsAccepted() {
    // '0' is 00000 (5 bits): one octet with three bits of padding.
    assertEquals("0", decode(ByteString.decodeHex("07")));
  }

  @Test
  void paddingWithAZeroBitIsRejected() {
    assertEquals(-1, decodeLength(ByteString.decodeHex("06")));
  }

  @Test
  void paddingLongerThanSevenBitsIsRejected() {
    // '0' then a whole octet of ones.
    assertEquals(-1, decodeLength(ByteString.decodeHex("07ff")));
  }

  @Test
  void theEosSymbolIsRejected() {
    // EOS is thirty 1-bits; four octets of ones hold it.
    assertEquals(-1, decodeLength(ByteString.decodeHex("ffffffff")));
  }

  private static String encode(String s) {
    byte[] out = new byte[Huffman.encodedLength(s)];
    return ByteString.of(out, 0, Huffman.encode(s, out)).hex();
  }

  private static String decode(ByteString encoded) {
    byte[] out = new byte[Huffman.maxDecodedLength(encoded.size())];
    int length = Huffman.decode(encoded.toByteArray(), 0, encoded.size(), out);
    assertEquals(true, length >= 0, "valid Huffman string");
    return new String(out, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static int decodeLength(ByteString encoded) {
    byte[] out = new byte[Huffman.maxDecodedLength(encoded.size()) + 1];
    return Huffman.decode(encoded.toByteArray(), 0, encoded.size(), out);
  }
}

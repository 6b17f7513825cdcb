package io.gust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes HPACK both ways: the input decoded as a block must give fields or a COMPRESSION_ERROR
 * (or a list too large), never another failure; and the input read as header lists must survive
 * encoding and decoding unchanged, across table size changes the input chooses.
 *
 * <p>Layout for the round trip: octet 0 picks table size changes; the rest is split at 0x00 into
 * alternating names and values, and at 0x01 into header lists.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HpackFuzzTest {
  private static final int[] TABLE_SIZES = {0, 1, 64, 256, 4096, 4096, 100, 32};

  @FuzzTest(maxDuration = "2m")
  void blocksDecodeOrFailTypedAndListsRoundTrip(byte[] bytes) throws Http2Exception {
    HpackDecoder raw = new HpackDecoder();
    raw.setMaxHeaderListSize(4096);
    try {
      raw.decode(bytes, bytes.length, 1);
    } catch (HeaderListTooLargeException e) {
      assertEquals(4096, e.limit());
    } catch (Http2Exception e) {
      assertEquals(ErrorCode.COMPRESSION_ERROR, e.errorCode());
      assertTrue(e.isConnectionError());
    }

    int options = bytes.length > 0 ? bytes[0] & 0xff : 0;
    HpackEncoder encoder = new HpackEncoder();
    HpackDecoder decoder = new HpackDecoder();
    decoder.setMaxHeaderListSize(Long.MAX_VALUE);
    int listIndex = 0;
    for (List<HeaderField> list : lists(bytes)) {
      int size = TABLE_SIZES[(options >>> (listIndex++ % 3)) & 7];
      encoder.setPeerTableSize(size);
      Buffer block = new Buffer();
      encoder.encode(list, block);
      int length = (int) block.size();
      assertEquals(list, decoder.decode(block.readByteArray(), length, 1));
      assertEquals(encoder.table().size(), decoder.table().size(), "tables in step");
    }
  }

  private static List<List<HeaderField>> lists(byte[] bytes) {
    List<List<HeaderField>> lists = new ArrayList<>();
    List<HeaderField> list = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    int start = Math.min(1, bytes.length);
    for (int i = start; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == 0 || bytes[i] == 1) {
        parts.add(new String(bytes, start, i - start, StandardCharsets.ISO_8859_1));
        start = i + 1;
        if (parts.size() == 2) {
          list.add(new HeaderField(parts.get(0), parts.get(1)));
          parts.clear();
        }
        if (i == bytes.length || bytes[i] == 1) {
          lists.add(list);
          list = new ArrayList<>();
        }
      }
    }
    return lists;
  }
}

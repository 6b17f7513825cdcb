package io.gust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what a connection reads: arbitrary octets after the preface, read whole and one octet
 * at a time. Both runs must tell the same story; every failure is an {@link Http2Exception}
 * with a stream for stream errors; a stream error consumes its frame and reading goes on; the
 * reader never holds more than it was given.
 *
 * <p>Options byte: bit 0 sets a 256-octet header list limit, bit 1 a header table size of 0
 * (so a block must open with a size update).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameReaderFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void framesDecodeOrFailTyped(byte[] bytes) {
    int options = bytes.length > 0 ? bytes[0] & 0xff : 0;
    byte[] input = bytes.length > 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    assertEquals(transcript(options, input, input.length), transcript(options, input, 1),
        "the outcome depends on how the bytes were split");
  }

  private static String transcript(int options, byte[] input, int step) {
    FrameReader reader = new FrameReader();
    if ((options & 1) != 0) {
      reader.setMaxHeaderListSize(256);
    }
    if ((options & 2) != 0) {
      reader.setHeaderTableSize(0);
    }
    StringBuilder out = new StringBuilder();
    Buffer in = new Buffer();
    for (int i = 0; i < input.length; i += step) {
      in.write(input, i, Math.min(step, input.length - i));
      while (true) {
        long before = in.size();
        try {
          Frame frame = reader.read(in);
          if (frame == null) {
            break;
          }
          out.append(frame).append('\n');
        } catch (Http2Exception e) {
          out.append(e.errorCode()).append(' ').append(e.streamId()).append(' ')
              .append(e.getMessage()).append('\n');
          if (e.isConnectionError()) {
            return out.toString();
          }
          assertTrue(e.streamId() > 0);
          assertTrue(in.size() < before, "a stream error consumed its frame");
        }
        assertTrue(in.size() <= input.length);
      }
    }
    return out.toString();
  }
}

package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gust.client.HttpProtocolException;
import io.gust.client.Phase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes gzip and deflate decoding of response bodies, delivered in pieces the fuzzer chooses,
 * under a small decoded-size cap. Each input runs whole and in pieces and both runs must agree;
 * a gzip body Gust accepts must decode to what the JDK's {@link GZIPInputStream} makes of it.
 *
 * <p>Options byte: bit 0 picks deflate instead of gzip.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContentDecoderFuzzTest {
  private static final long MAX_DECODED_BYTES = 8192;

  @FuzzTest(maxDuration = "2m")
  void compressedBodiesDecodeOrFailTyped(byte[] bytes) throws IOException {
    FuzzInput input = FuzzInput.of(bytes);
    String coding = (input.options() & 1) == 0 ? "gzip" : "deflate";
    String whole = decode(coding, input.whole());
    String pieces = decode(coding, input.pieces());
    assertEquals(whole, pieces, "the outcome depends on how the bytes were split");
    if (coding.equals("gzip") && input.messageSize() > 0 && !whole.startsWith("failed")) {
      assertEquals(jdkGunzip(input.message()), whole, "Gust and the JDK decode differently");
    }
  }

  /** Decodes every piece then finishes; returns the decoded bytes in hex, or the failure. */
  private static String decode(String coding, FuzzInput.Pieces pieces) {
    Buffer in = new Buffer();
    Buffer out = new Buffer();
    try (ContentDecoder decoder = ContentDecoder.forEncoding(coding, MAX_DECODED_BYTES)) {
      while (pieces.hasMore()) {
        pieces.deliver(in);
        decoder.decode(in, out);
        assertTrue(out.size() <= MAX_DECODED_BYTES, "decoded past the cap");
        assertTrue(in.size() < 16, () -> "kept " + in.size() + " compressed bytes");
      }
      decoder.finish();
      return out.readByteString().hex();
    } catch (HttpProtocolException e) {
      FuzzChecks.assertWellFormed(e, CodecLimits.CLIENT, MAX_DECODED_BYTES);
      assertEquals(Phase.BODY, e.phase());
      return FuzzChecks.describe(e);
    }
  }

  private static String jdkGunzip(byte[] compressed) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return ByteString.of(in.readNBytes((int) MAX_DECODED_BYTES + 1)).hex();
    }
  }
}

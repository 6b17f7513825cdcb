package io.gust.http;

import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import java.io.IOException;
import java.nio.ByteBuffer;
import okio.Buffer;

/**
 * Moves a native decoder's output into an okio buffer and counts it against the decoded-body cap:
 * output past the cap fails with {@link MessageTooLargeException} before any of it is copied, so
 * a bomb costs at most the decoder's own output window. Also feeds a decoder's direct input
 * buffer from an okio buffer. Loop-confined.
 */
final class DecodedOutput {
  private final String coding;
  private final long maxOutputBytes;
  private long outputBytes;

  DecodedOutput(String coding, long maxOutputBytes) {
    this.coding = coding;
    this.maxOutputBytes = maxOutputBytes;
  }

  /** Copies what remains in {@code decoded} to {@code out}, or fails when it passes the cap. */
  void emit(ByteBuffer decoded, Buffer out) throws HttpProtocolException {
    int count = decoded.remaining();
    if (count > maxOutputBytes - outputBytes) {
      throw new MessageTooLargeException(
          MessageTooLargeException.Limit.DECODED_BODY_BYTES, maxOutputBytes, Phase.BODY);
    }
    outputBytes += count;
    try {
      out.write(decoded);
    } catch (IOException e) {
      throw new AssertionError("an okio Buffer does not fail", e);
    }
  }

  /** Moves as many bytes from {@code in} into {@code target} as it has room for; returns them. */
  static int fill(Buffer in, ByteBuffer target) {
    try {
      return Math.max(0, in.read(target));
    } catch (IOException e) {
      throw new AssertionError("an okio Buffer does not fail", e);
    }
  }

  HttpProtocolException corrupt(String detail, Throwable cause) {
    return new HttpProtocolException(HttpProtocolException.Kind.BAD_CONTENT_ENCODING,
        "corrupt " + coding + " stream" + (detail == null ? "" : ": " + detail), null, Phase.BODY,
        cause);
  }

  HttpProtocolException trailingData() {
    return new HttpProtocolException(HttpProtocolException.Kind.BAD_CONTENT_ENCODING,
        "data after the end of the " + coding + " stream", Phase.BODY);
  }
}

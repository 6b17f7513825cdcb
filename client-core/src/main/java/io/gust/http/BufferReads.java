package io.gust.http;

import java.io.EOFException;
import okio.Buffer;

/**
 * Reads of bytes that the caller has already seen in the buffer. okio declares {@link
 * EOFException} on these; here it cannot happen, so it would be a codec bug and surfaces as an
 * {@link IllegalStateException}.
 */
final class BufferReads {
  private BufferReads() {}

  static void skip(Buffer in, long byteCount) {
    try {
      in.skip(byteCount);
    } catch (EOFException e) {
      throw new IllegalStateException("skipped past the buffered bytes", e);
    }
  }

  /** Reads a little-endian unsigned integer of {@code byteCount} (at most 4) bytes. */
  static long readLittleEndian(Buffer in, int byteCount) {
    long value = 0;
    for (int i = 0; i < byteCount; i++) {
      value |= (long) (in.getByte(i) & 0xff) << (8 * i);
    }
    skip(in, byteCount);
    return value;
  }
}

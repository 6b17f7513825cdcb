package io.gust.http;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the window a zstd frame needs from its header (RFC 8878 §3.1.1.1), so that a frame asking
 * the decoder for more memory than HTTP allows is refused before the decoder allocates it: RFC
 * 9659 caps the window of the {@code zstd} content coding at 8 MiB.
 */
final class ZstdWindow {
  /** RFC 9659 §3: encoders must not need more, so decoders may refuse more. */
  static final long MAX_WINDOW_BYTES = 8L << 20;
  /** The result when the buffer does not hold the whole header yet. */
  static final long NEED_MORE = -1;
  private static final int FRAME_MAGIC = 0xFD2FB528;
  private static final int[] DICTIONARY_ID_BYTES = {0, 1, 2, 4};
  private static final int[] CONTENT_SIZE_BYTES = {1, 2, 4, 8};

  private ZstdWindow() {}

  /**
   * The window the frame starting at {@code frame}'s position needs; 0 when it is not a zstd
   * frame (a skippable frame, or garbage that the decoder reports), {@link #NEED_MORE} when the
   * header is not complete. Does not move the buffer's position.
   */
  static long bytes(ByteBuffer frame) {
    ByteBuffer header = frame.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (header.remaining() < 4) {
      return NEED_MORE;
    }
    if (header.getInt(0) != FRAME_MAGIC) {
      return 0;
    }
    if (header.remaining() < 6) {
      return NEED_MORE;
    }
    int descriptor = header.get(4) & 0xff;
    if ((descriptor & 0x20) == 0) {
      int windowDescriptor = header.get(5) & 0xff;
      long base = 1L << (10 + (windowDescriptor >>> 3));
      return base + (base / 8) * (windowDescriptor & 7);
    }
    // A single-segment frame's window is its content size, which follows the dictionary ID.
    int sizeFlag = descriptor >>> 6;
    int offset = 5 + DICTIONARY_ID_BYTES[descriptor & 3];
    int sizeBytes = CONTENT_SIZE_BYTES[sizeFlag];
    if (header.remaining() < offset + sizeBytes) {
      return NEED_MORE;
    }
    switch (sizeBytes) {
      case 1:
        return header.get(offset) & 0xff;
      case 2:
        return (header.getShort(offset) & 0xffff) + 256;
      case 4:
        return header.getInt(offset) & 0xffffffffL;
      default:
        long size = header.getLong(offset);
        return size < 0 ? Long.MAX_VALUE : size;
    }
  }
}

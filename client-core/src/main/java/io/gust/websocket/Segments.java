package io.gust.websocket;

import java.io.EOFException;
import java.util.zip.DataFormatException;
import okio.Buffer;

/**
 * Runs a function over a range of an okio buffer segment by segment, in place, threading an int
 * of state through the calls (a masking key's phase, a UTF-8 decoder's state). No copies.
 */
final class Segments {
  /** Works on {@code data[start..end)} given the state after the previous range. */
  @FunctionalInterface
  interface RangeFunction {
    int apply(byte[] data, int start, int end, int state);
  }

  /** Takes {@code length} bytes of {@code data} from {@code start}, as a zlib stream's input. */
  @FunctionalInterface
  interface Input {
    void take(byte[] data, int start, int length);
  }

  /** Fills up to {@code length} bytes of {@code data} from {@code start}; returns how many. */
  @FunctionalInterface
  interface Output {
    int fill(byte[] data, int start, int length) throws DataFormatException;
  }

  private Segments() {}

  /**
   * Hands the head segment of {@code in} (not empty) to {@code input} without consuming it;
   * returns its length. The array must not be written while the input holds it.
   */
  static int head(Buffer in, Input input) {
    try (Buffer.UnsafeCursor cursor = in.readUnsafe()) {
      int length = cursor.seek(0);
      input.take(cursor.data, cursor.start, length);
      return length;
    }
  }

  /**
   * Lets {@code output} fill up to {@code maxBytes} (at least 1) at the end of {@code out},
   * within one segment; returns how many bytes it wrote.
   */
  static int append(Buffer out, long maxBytes, Output output) throws DataFormatException {
    try (Buffer.UnsafeCursor cursor = out.readAndWriteUnsafe(new Buffer.UnsafeCursor())) {
      long sizeBefore = out.size();
      cursor.expandBuffer(1);
      int room = (int) Math.min(cursor.end - cursor.start, maxBytes);
      int written = 0;
      try {
        written = output.fill(cursor.data, cursor.start, room);
      } finally {
        cursor.resizeBuffer(sizeBefore + written);
      }
      return written;
    }
  }

  /**
   * Applies {@code function} to {@code byteCount} bytes of {@code buffer} from {@code offset};
   * returns the final state. {@code writable} makes shared segments private first, so that
   * the function may change the bytes.
   */
  static int forEach(Buffer buffer, long offset, long byteCount, boolean writable, int state,
      RangeFunction function) {
    if (byteCount == 0) {
      return state;
    }
    try (Buffer.UnsafeCursor cursor =
        writable ? buffer.readAndWriteUnsafe(new Buffer.UnsafeCursor()) : buffer.readUnsafe()) {
      long position = offset;
      long end = offset + byteCount;
      cursor.seek(position);
      while (true) {
        int length = (int) Math.min(cursor.end - cursor.start, end - position);
        state = function.apply(cursor.data, cursor.start, cursor.start + length, state);
        position += length;
        if (position == end) {
          return state;
        }
        cursor.next();
      }
    }
  }

  /** Skips bytes the caller knows are buffered; running short would be a codec bug. */
  static void skip(Buffer in, long byteCount) {
    try {
      in.skip(byteCount);
    } catch (EOFException e) {
      throw new IllegalStateException("skipped past the buffered bytes", e);
    }
  }
}

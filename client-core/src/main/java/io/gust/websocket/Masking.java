package io.gust.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import okio.Buffer;
import okio.ByteString;

/**
 * Masks and unmasks payloads (RFC 6455 §5.3) in place: eight bytes per step through a long view
 * of each segment's array, then byte by byte. The key is an int whose most significant byte is
 * applied first; its phase carries from one call to the next.
 */
final class Masking {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Masking() {}

  /**
   * XORs {@code byteCount} bytes of {@code buffer} from {@code offset} with {@code key}, the first
   * of them with key byte {@code keyIndex} (0 to 3); returns the key index for the next byte.
   */
  static int apply(Buffer buffer, long offset, long byteCount, int key, int keyIndex) {
    int rotated = Integer.rotateLeft(key, 8 * keyIndex);
    Segments.forEach(buffer, offset, byteCount, true, rotated, Masking::maskRange);
    return (int) ((keyIndex + byteCount) & 3);
  }

  /**
   * Appends {@code data} to {@code sink} masked with {@code key} (its top byte first): each
   * stretch is copied into the sink's own writable segment and masked there while it is in the
   * cache, so no segment is shared, unshared or allocated outside okio's pool. {@code cursor} is
   * the caller's, reused from call to call.
   */
  static void writeMasked(Buffer sink, ByteString data, int key, Buffer.UnsafeCursor cursor) {
    int size = data.size();
    int done = 0;
    sink.readAndWriteUnsafe(cursor);
    try {
      while (done < size) {
        long before = sink.size();
        cursor.expandBuffer(1);
        int length = Math.min(cursor.end - cursor.start, size - done);
        data.copyInto(done, cursor.data, cursor.start, length);
        key = maskRange(cursor.data, cursor.start, cursor.start + length, key);
        cursor.resizeBuffer(before + length);
        done += length;
      }
    } finally {
      cursor.close();
    }
  }

  /** Masks {@code data[start..end)} beginning with the top byte of {@code key}; returns the key rotated for the next byte. */
  static int maskRange(byte[] data, int start, int end, int key) {
    long wide = (key & 0xffffffffL) << 32 | (key & 0xffffffffL);
    int i = start;
    for (; i + 8 <= end; i += 8) {
      LONGS.set(data, i, (long) LONGS.get(data, i) ^ wide);
    }
    for (; i < end; i++) {
      data[i] ^= (byte) (key >>> 24);
      key = Integer.rotateLeft(key, 8);
    }
    return key;
  }
}

package io.gust.websocket;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import okio.Buffer;

/**
 * Compresses one message at a time for permessage-deflate (RFC 7692 §7.2.1): raw deflate ended
 * by a sync flush whose trailing {@code 00 00 ff ff} is removed. The compressor is created on the
 * first message, kept between messages (reset after each without context takeover), and its
 * native memory freed by {@link #close()}. Loop-confined.
 */
final class MessageDeflater implements AutoCloseable {
  private final int level;
  private final boolean noContextTakeover;

  /** Null until the first message, and after close. */
  private Deflater deflater;

  private boolean closed;

  MessageDeflater(int level, boolean noContextTakeover) {
    this.level = level;
    this.noContextTakeover = noContextTakeover;
  }

  /** Compresses and consumes all of {@code payload}, appending the message's payload to {@code out}. */
  void deflate(Buffer payload, Buffer out) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (deflater == null) {
      deflater = new Deflater(level, true);
    }
    long start = out.size();
    while (payload.size() > 0) {
      int fed = Segments.head(payload, deflater::setInput);
      while (!deflater.needsInput()) {
        fill(out, Deflater.NO_FLUSH);
      }
      Segments.skip(payload, fed);
    }
    while (fill(out, Deflater.SYNC_FLUSH) > 0) {
      // Until the flush is out: zlib never repeats a flush marker when given no new input.
    }
    long end = out.size();
    if (end - start < 4 || out.getByte(end - 1) != (byte) 0xff || out.getByte(end - 4) != 0) {
      throw new IllegalStateException("a sync flush ends with 00 00 ff ff");
    }
    truncate(out, end - 4);
    if (noContextTakeover) {
      deflater.reset();
    }
  }

  /** Deflates into the end of {@code out}; returns how many bytes it wrote. */
  private int fill(Buffer out, int flush) {
    try {
      return Segments.append(out, Integer.MAX_VALUE,
          (data, from, length) -> deflater.deflate(data, from, length, flush));
    } catch (DataFormatException e) {
      throw new IllegalStateException("deflating never fails", e);
    }
  }

  private static void truncate(Buffer out, long size) {
    try (Buffer.UnsafeCursor cursor = out.readAndWriteUnsafe(new Buffer.UnsafeCursor())) {
      cursor.resizeBuffer(size);
    }
  }

  /** Frees the compressor's native memory; idempotent. */
  @Override
  public void close() {
    closed = true;
    if (deflater != null) {
      deflater.end();
      deflater = null;
    }
  }
}

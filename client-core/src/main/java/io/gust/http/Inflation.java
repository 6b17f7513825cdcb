package io.gust.http;

import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import okio.Buffer;

/**
 * Feeds a {@link Inflater} from an okio buffer's segments and inflates straight into another
 * buffer's segments, with no intermediate arrays. Counts output against a cap and stops one byte
 * past it, so that a bomb is detected after at most one segment of excess. Loop-confined.
 */
final class Inflation {
  private final Inflater inflater;
  private final String coding;
  private final long maxOutputBytes;
  private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();

  /** Output bytes over the whole body (all gzip members). */
  private long outputBytes;

  Inflation(boolean nowrap, String coding, long maxOutputBytes) {
    this.inflater = new Inflater(nowrap);
    this.coding = coding;
    this.maxOutputBytes = maxOutputBytes;
  }

  /**
   * Inflates from the start of {@code in} into {@code out}, consuming the compressed bytes used;
   * returns true when the compressed stream ended (bytes after it stay in {@code in}), false when
   * {@code in} ran dry first. Updates {@code crc}, if given, with the output.
   */
  boolean inflate(Buffer in, Buffer out, CRC32 crc) throws HttpProtocolException {
    while (!inflater.finished() && in.size() > 0) {
      int fed = feed(in);
      int produced;
      do {
        produced = inflateInto(out, crc);
      } while (produced > 0 && !inflater.finished() && !inflater.needsInput());
      BufferReads.skip(in, fed - inflater.getRemaining());
      if (produced == 0 && inflater.needsDictionary()) {
        throw new HttpProtocolException(HttpProtocolException.Kind.BAD_CONTENT_ENCODING,
            coding + " stream needs a preset dictionary", Phase.BODY);
      }
    }
    return inflater.finished();
  }

  /** Hands the inflater the head segment of {@code in}; returns how many bytes it got. */
  private int feed(Buffer in) {
    in.readUnsafe(cursor);
    try {
      int length = cursor.seek(0);
      inflater.setInput(cursor.data, cursor.start, length);
      return length;
    } finally {
      cursor.close();
    }
  }

  private int inflateInto(Buffer out, CRC32 crc) throws HttpProtocolException {
    long allowed = maxOutputBytes - outputBytes;
    int produced;
    out.readAndWriteUnsafe(cursor);
    try {
      long sizeBefore = out.size();
      cursor.expandBuffer(1);
      long room = Math.min(cursor.end - cursor.start, allowed == Long.MAX_VALUE ? allowed : allowed + 1);
      produced = inflater.inflate(cursor.data, cursor.start, (int) room);
      if (crc != null) {
        crc.update(cursor.data, cursor.start, produced);
      }
      cursor.resizeBuffer(sizeBefore + produced);
    } catch (DataFormatException e) {
      throw new HttpProtocolException(HttpProtocolException.Kind.BAD_CONTENT_ENCODING,
          "corrupt " + coding + " stream", null, Phase.BODY, e);
    } finally {
      cursor.close();
    }
    outputBytes += produced;
    if (outputBytes > maxOutputBytes) {
      throw new MessageTooLargeException(
          MessageTooLargeException.Limit.DECODED_BODY_BYTES, maxOutputBytes, Phase.BODY);
    }
    return produced;
  }

  /** Returns the output bytes of the current stream (the current gzip member) modulo 2^32. */
  int memberOutputSize() {
    return (int) inflater.getBytesWritten();
  }

  /** Prepares for another stream (the next gzip member); the output count keeps growing. */
  void reset() {
    inflater.reset();
  }

  /** Frees the native inflater; idempotent. */
  void close() {
    inflater.end();
  }
}

package io.gust.net;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes one TLS connection holds between calls, each in a heap buffer that exists only while
 * it is non-empty, so an idle connection holds none. Loop-confined.
 *
 * <p>{@link #in}: ciphertext read but not unwrapped, usually the tail of a record cut by the
 * socket read (at most one packet, about 16.7 KiB; the buffer is reused while it stays
 * non-empty). {@link #out}: records wrapped but refused by a full socket (up to what one write
 * wraps, about 64 KiB). {@link #plain}: plaintext of a record that did not fit the stream's free
 * room (at most one record, 16 KiB).
 */
final class TlsLeftovers {
  /** Where records go: the socket, or an outer TLS transport. */
  private final Transport lower;
  /** Ciphertext read but not yet unwrapped, in read mode, or null. */
  private ByteBuffer in;
  /** Ciphertext wrapped but not yet written to the socket, in read mode, or null. */
  private ByteBuffer out;
  /** Plaintext unwrapped but not yet handed to the stream, in read mode, or null. */
  private ByteBuffer plain;

  TlsLeftovers(Transport lower) {
    this.lower = lower;
  }

  boolean hasIn() {
    return in != null;
  }

  boolean hasOut() {
    return out != null;
  }

  boolean hasPlain() {
    return plain != null;
  }

  /** Moves the held ciphertext into {@code scratch} (fill mode). */
  void restoreIn(ByteBuffer scratch) {
    if (in != null) {
      scratch.put(in);
    }
  }

  /** Keeps what {@code scratch} (read mode) still holds for the next read. */
  void keepIn(ByteBuffer scratch, int packetBytes) {
    if (!scratch.hasRemaining()) {
      in = null;
      return;
    }
    if (in == null || in.capacity() < scratch.remaining()) {
      in = ByteBuffer.allocate(Math.max(scratch.remaining(), packetBytes));
    }
    in.clear();
    in.put(scratch).flip();
  }

  /** Holds {@code record} (read mode), plaintext too large for the stream, and drains it. */
  int keepPlain(ByteBuffer record, ByteBuffer dst) {
    plain = record;
    return drainPlain(dst);
  }

  /** Moves as much held plaintext into {@code dst} as fits; the bytes moved. */
  int drainPlain(ByteBuffer dst) {
    int count = Math.min(dst.remaining(), plain.remaining());
    int limit = plain.limit();
    plain.limit(plain.position() + count);
    dst.put(plain);
    plain.limit(limit);
    if (!plain.hasRemaining()) {
      plain = null;
    }
    return count;
  }

  /** Writes {@code records} (read mode) after anything held; keeps what the socket refuses. */
  void send(ByteBuffer records) throws IOException {
    if (!records.hasRemaining()) {
      return;
    }
    if (out == null) {
      lower.write(records);
      if (records.hasRemaining()) {
        out = ByteBuffer.allocate(records.remaining()).put(records).flip();
      }
      return;
    }
    ByteBuffer joined = ByteBuffer.allocate(out.remaining() + records.remaining());
    out = joined.put(out).put(records).flip();
    drainOut();
  }

  /** Writes held records; true once none are left. */
  boolean drainOut() throws IOException {
    if (out == null) {
      return true;
    }
    lower.write(out);
    if (out.hasRemaining()) {
      return false;
    }
    out = null;
    return true;
  }

  void clear() {
    in = null;
    out = null;
    plain = null;
  }
}

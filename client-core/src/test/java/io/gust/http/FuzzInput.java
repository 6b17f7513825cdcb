package io.gust.http;

import java.util.Arrays;
import okio.Buffer;

/**
 * A fuzz input read as a small header that chooses how to deliver the rest, then the bytes a
 * peer would send. Layout: one options byte for the harness, one byte {@code n} (modulo 8) for
 * the number of piece sizes, {@code n} piece sizes (1 to 256 each), then the message bytes. With
 * no piece sizes the message arrives in one piece; otherwise the sizes are used in turn, so the
 * fuzzer chooses where reads split the message. Seeds are written in this layout by hand.
 */
public final class FuzzInput {
  private final int options;
  private final int[] pieceSizes;
  private final byte[] message;
  private final int messageStart;

  private FuzzInput(int options, int[] pieceSizes, byte[] bytes, int messageStart) {
    this.options = options;
    this.pieceSizes = pieceSizes;
    this.message = bytes;
    this.messageStart = messageStart;
  }

  /** Reads the layout; missing header bytes count as zero. */
  public static FuzzInput of(byte[] bytes) {
    int options = bytes.length > 0 ? bytes[0] & 0xff : 0;
    int count = bytes.length > 1 ? (bytes[1] & 0xff) % 8 : 0;
    int start = Math.min(bytes.length, 2);
    int[] sizes = new int[Math.min(count, bytes.length - start)];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = (bytes[start + i] & 0xff) + 1;
    }
    return new FuzzInput(options, sizes, bytes, start + sizes.length);
  }

  /** Returns the options byte, for the harness to interpret. */
  public int options() {
    return options;
  }

  /** Returns the number of message bytes. */
  int messageSize() {
    return message.length - messageStart;
  }

  /** Returns the message bytes. */
  byte[] message() {
    return Arrays.copyOfRange(message, messageStart, message.length);
  }

  /** Returns a cursor that delivers the message in the chosen pieces. */
  public Pieces pieces() {
    return new Pieces(pieceSizes);
  }

  /** Returns a cursor that delivers the message in one piece. */
  public Pieces whole() {
    return new Pieces(new int[0]);
  }

  /** Delivers the message piece by piece into a buffer. */
  public final class Pieces {
    private final int[] sizes;
    private int offset = messageStart;
    private int next;

    private Pieces(int[] sizes) {
      this.sizes = sizes;
    }

    /** Whether bytes remain to deliver. */
    public boolean hasMore() {
      return offset < message.length;
    }

    /** Appends the next piece to {@code in}. */
    public void deliver(Buffer in) {
      int remaining = message.length - offset;
      int size = sizes.length == 0 ? remaining : Math.min(remaining, sizes[next++ % sizes.length]);
      in.write(message, offset, size);
      offset += size;
    }
  }
}

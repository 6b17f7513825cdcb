package io.gust.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Bytes of a file queued on a {@link WriteSide}, sent by the transport straight from the file
 * (sendfile on Linux) when the queue reaches them. The region does not own the file: whoever
 * queued it closes it once its write listener hears. Loop-confined.
 */
final class FileRegion {
  private final FileChannel file;
  /** The stream's byte total at which this region's first byte goes out. */
  final long startTotal;
  private long position;
  private long remaining;

  FileRegion(FileChannel file, long position, long byteCount, long startTotal) {
    this.file = file;
    this.position = position;
    this.remaining = byteCount;
    this.startTotal = startTotal;
  }

  /**
   * Sends what the socket takes, at most {@code budget} bytes; returns the bytes sent (0 when the
   * socket is full). Fails with an {@link EOFException} when the file ends before the region
   * does, as when it shrank after it was queued.
   */
  long send(Transport transport, long budget) throws IOException {
    long sent = transport.transferFrom(file, position, Math.min(remaining, budget));
    if (sent == 0 && file.size() <= position) {
      throw new EOFException("the file ended at byte " + position + ", " + remaining
          + " bytes before the end of what was queued");
    }
    position += sent;
    remaining -= sent;
    return sent;
  }

  boolean isDone() {
    return remaining == 0;
  }
}

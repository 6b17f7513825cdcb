package io.gust.http;

import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import okio.Buffer;

/**
 * Finds the end of the next line in a buffer that may still be filling, remembering how far it
 * has already looked so that feeding a line one byte at a time costs O(n) overall. A line longer
 * than the budget fails as soon as the buffer holds more than the budget without a line feed,
 * never waiting for one. Loop-confined.
 */
final class LineScanner {
  private final MessageTooLargeException.Limit limit;
  private final long limitValue;
  private final Phase phase;

  /** Bytes at the start of the buffer already known to hold no LF. */
  private long scannedBytes;

  LineScanner(MessageTooLargeException.Limit limit, long limitValue, Phase phase) {
    this.limit = limit;
    this.limitValue = limitValue;
    this.phase = phase;
  }

  /**
   * Returns the index of the LF ending the line at the start of {@code in}, or -1 when {@code
   * in} holds no complete line yet. The line, LF included, may be at most {@code budget} bytes.
   * Consumes nothing.
   */
  long find(Buffer in, long budget) throws MessageTooLargeException {
    return find(in, budget, limit, limitValue);
  }

  /** Like {@link #find(Buffer, long)}, naming {@code overLimit} when the budget runs out. */
  long find(Buffer in, long budget, MessageTooLargeException.Limit overLimit, long overValue)
      throws MessageTooLargeException {
    long end = Math.min(in.size(), budget);
    long lf = scannedBytes < end ? in.indexOf((byte) '\n', scannedBytes, end) : -1;
    if (lf >= 0) {
      scannedBytes = 0;
      return lf;
    }
    if (in.size() >= budget) {
      throw new MessageTooLargeException(overLimit, overValue, phase);
    }
    scannedBytes = end;
    return -1;
  }

  /** Forgets the progress on the current line, for a new message. */
  void reset() {
    scannedBytes = 0;
  }
}

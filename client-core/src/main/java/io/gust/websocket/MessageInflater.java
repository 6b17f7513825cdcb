package io.gust.websocket;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import okio.Buffer;

/**
 * Decompresses permessage-deflate messages (RFC 7692 §7.2.2) as their frames arrive: raw
 * deflate, with {@code 00 00 ff ff} appended at the end of each message. Output is bounded: the
 * message fails with 1009 as soon as it would pass its limit, so a decompression bomb inflates at
 * most one segment past it. The decompressor is created on the first compressed message, kept
 * between messages for context takeover (reset after each when the peer resets its own), and
 * its native memory freed by {@link #close()}. Loop-confined.
 */
final class MessageInflater implements AutoCloseable {
  private final boolean peerResetsContext;

  /** Null until the first compressed message, and after close. */
  private Inflater inflater;

  private boolean closed;

  MessageInflater(boolean peerResetsContext) {
    this.peerResetsContext = peerResetsContext;
  }

  /**
   * Inflates and consumes all of {@code in}, appending to {@code out}; fails with 1009 once
   * {@code out} would hold more than {@code maxOutputBytes}, and with 1007 on corrupt data.
   */
  void inflate(Buffer in, Buffer out, long maxOutputBytes) throws WebSocketProtocolException {
    start();
    while (in.size() > 0) {
      if (inflater.finished()) {
        // A sender that ends messages with a final block (RFC 7692 §7.2.3.4) follows it with an
        // empty block header that the stream no longer needs; the context is reset at the end.
        in.clear();
        return;
      }
      int fed = Segments.head(in, inflater::setInput);
      while (!inflater.needsInput() && !inflater.finished()) {
        if (fill(out, maxOutputBytes) == 0 && !inflater.needsInput() && !inflater.finished()) {
          throw corrupt(null);
        }
      }
      Segments.skip(in, fed - inflater.getRemaining());
    }
  }

  /** Ends the current message: inflates the tail the sender removed, then resets if needed. */
  void finishMessage(Buffer out, long maxOutputBytes) throws WebSocketProtocolException {
    start();
    if (!inflater.finished()) {
      inflate(new Buffer().write(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}), out, maxOutputBytes);
    }
    if (peerResetsContext || inflater.finished()) {
      inflater.reset();
    }
  }

  private void start() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (inflater == null) {
      inflater = new Inflater(true);
    }
  }

  private int fill(Buffer out, long maxOutputBytes) throws WebSocketProtocolException {
    long room = maxOutputBytes - out.size();
    int written;
    try {
      written = Segments.append(out, room == Long.MAX_VALUE ? room : room + 1, inflater::inflate);
    } catch (DataFormatException e) {
      throw corrupt(e);
    }
    if (out.size() > maxOutputBytes) {
      throw new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG,
          "message inflates past the limit of " + maxOutputBytes + " bytes");
    }
    return written;
  }

  private static WebSocketProtocolException corrupt(Throwable cause) {
    return new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "corrupt deflate data", cause);
  }

  boolean isAllocated() {
    return inflater != null;
  }

  /** Frees the decompressor's native memory; idempotent. */
  @Override
  public void close() {
    closed = true;
    if (inflater != null) {
      inflater.end();
      inflater = null;
    }
  }
}

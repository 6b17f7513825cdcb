package io.gust.net;

import java.io.IOException;

/**
 * A read would have had to buffer more bytes than its limit allows: the delimiter did not come
 * within {@code maxBytes}, a fixed-size read asked for more than the read buffer cap, the peer
 * sent the cap's worth before closing, or a read listener left the buffer full.
 */
public final class ReadBufferOverflowException extends IOException {
  private final long limitBytes;

  ReadBufferOverflowException(long limitBytes) {
    super("read would buffer more than " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  /** The limit that was reached, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }
}

package io.gust.http2;

/**
 * One HTTP/2 flow-control window (RFC 9113 §6.9): the octets one side may still send on a stream
 * or on the whole connection. The sender spends it with {@link #consume}; WINDOW_UPDATE and
 * SETTINGS_INITIAL_WINDOW_SIZE changes {@link #credit} it. It may go negative after the peer
 * shrank the initial size (§6.9.2), and never past 2^31-1.
 *
 * <p>Not thread-safe: owned by the connection's thread.
 */
public final class FlowControlWindow {
  private long size;

  public FlowControlWindow(int initialSize) {
    this.size = initialSize;
  }

  /** Returns the octets that may be sent now; 0 when the window is empty or negative. */
  public int available() {
    return (int) Math.max(0, size);
  }

  /** Spends {@code byteCount} octets, which must not pass {@link #available()}. */
  public void consume(int byteCount) {
    if (byteCount < 0 || byteCount > available()) {
      throw new IllegalArgumentException("spending " + byteCount + " of " + size);
    }
    size -= byteCount;
  }

  /**
   * Adds {@code delta} octets (negative when the initial size shrank); false, changing nothing,
   * when the window would pass 2^31-1, which is a FLOW_CONTROL_ERROR.
   */
  public boolean credit(long delta) {
    if (size + delta > Http2Settings.MAX_WINDOW_SIZE) {
      return false;
    }
    size += delta;
    return true;
  }
}

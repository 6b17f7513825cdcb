package io.gust.http2;

/**
 * One HTTP/2 flow-control window (RFC 9113 §6.9), for a stream or a whole connection, on either
 * side: the octets one end may still send before the other credits more with WINDOW_UPDATE. It
 * may go negative when SETTINGS_INITIAL_WINDOW_SIZE shrinks (§6.9.2); it may never pass 2^31-1.
 * Not thread-safe: owned by the connection's thread.
 */
public final class FlowWindow {
  private long size;

  public FlowWindow(int initialSize) {
    this.size = initialSize;
  }

  /** Returns the octets that may still be sent; zero or less means wait for a credit. */
  public long size() {
    return size;
  }

  /** Returns the octets that may be sent now: the size, or 0 when it is negative. */
  public int available() {
    return (int) Math.max(0, size);
  }

  /**
   * Takes {@code byteCount} octets sent (or received) from the window; returns false, changing
   * nothing, when they do not fit, which for a receiver is a FLOW_CONTROL_ERROR.
   */
  public boolean consume(int byteCount) {
    if (byteCount > size) {
      return false;
    }
    size -= byteCount;
    return true;
  }

  /**
   * Adds {@code delta} octets (a WINDOW_UPDATE increment, or a change of the initial window
   * size, which may be negative); returns false, changing nothing, when the window would pass
   * 2^31-1, which is a FLOW_CONTROL_ERROR.
   */
  public boolean credit(long delta) {
    if (size + delta > Http2Settings.MAX_WINDOW_SIZE) {
      return false;
    }
    size += delta;
    return true;
  }

  @Override
  public String toString() {
    return "FlowWindow{" + size + "}";
  }
}

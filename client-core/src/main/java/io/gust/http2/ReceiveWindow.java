package io.gust.http2;

/**
 * The receiving side of one HTTP/2 flow-control window (RFC 9113 §6.9): what the peer may still
 * send, checked as DATA arrives, and the credit given back once the receiver has consumed what
 * arrived. Credit is returned in WINDOW_UPDATEs of at least half the window, so that a stream of
 * small reads costs few frames.
 *
 * <p>Not thread-safe: owned by the connection's thread.
 */
public final class ReceiveWindow {
  private final int targetSize;
  /** Octets the peer may still send. */
  private long remaining;
  /** Octets consumed and not yet given back. */
  private long unacknowledged;

  /** A window of {@code targetSize} octets, which the peer believes starts at {@code announced}. */
  public ReceiveWindow(int announced, int targetSize) {
    this.remaining = announced;
    this.targetSize = targetSize;
    this.unacknowledged = (long) targetSize - announced;
  }

  /** Records {@code byteCount} octets that arrived; false when they overflow the window. */
  public boolean receive(int byteCount) {
    if (byteCount > remaining) {
      return false;
    }
    remaining -= byteCount;
    return true;
  }

  /**
   * Records {@code byteCount} octets the receiver consumed and returns the increment to send in a
   * WINDOW_UPDATE now, or 0 when the credit is still too small to be worth a frame.
   */
  public int consumed(int byteCount) {
    unacknowledged += byteCount;
    if (unacknowledged < targetSize / 2 || unacknowledged <= 0) {
      return 0;
    }
    int increment = (int) unacknowledged;
    unacknowledged = 0;
    remaining += increment;
    return increment;
  }
}

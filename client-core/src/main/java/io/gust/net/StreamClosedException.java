package io.gust.net;

import java.io.IOException;

/**
 * A stream operation could not complete because the stream closed: either the peer ended the
 * connection cleanly or this side closed it (by {@link ChannelStream#close()} or because its
 * event loop closed).
 *
 * <p>{@link #isClosedByPeer()} says which. A reset connection is reported as {@link
 * ConnectionResetException} instead.
 */
public final class StreamClosedException extends IOException {
  private final boolean closedByPeer;

  private StreamClosedException(String message, boolean closedByPeer, Throwable cause) {
    super(message, cause);
    this.closedByPeer = closedByPeer;
  }

  static StreamClosedException closedLocally() {
    return new StreamClosedException("stream closed locally", false, null);
  }

  static StreamClosedException closedByPeer() {
    return new StreamClosedException("stream closed by peer", true, null);
  }

  static StreamClosedException loopClosed(Throwable cause) {
    return new StreamClosedException("stream closed because its event loop closed", false, cause);
  }

  static boolean isPeerClose(Throwable cause) {
    return cause instanceof StreamClosedException && ((StreamClosedException) cause).closedByPeer;
  }

  /** True when the peer closed the connection cleanly; false when this side closed it. */
  public boolean isClosedByPeer() {
    return closedByPeer;
  }
}

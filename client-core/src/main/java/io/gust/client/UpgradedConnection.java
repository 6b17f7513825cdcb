package io.gust.client;

import io.gust.net.ChannelStream;

/**
 * A connection that a 101 (Switching Protocols) answer took out of the pool, travelling with its
 * response to the code that speaks the new protocol. Whoever {@link #take()}s it owns the stream;
 * one nobody took by the time the fetch handed its response over is closed, so no path leaks it.
 * Loop-confined.
 */
final class UpgradedConnection {
  private ChannelStream stream;

  UpgradedConnection(ChannelStream stream) {
    this.stream = stream;
  }

  /** Returns the stream, once; null when it was taken or closed already. */
  ChannelStream take() {
    ChannelStream taken = stream;
    stream = null;
    return taken;
  }

  /** Closes the stream unless it was taken. */
  void closeUnlessTaken() {
    ChannelStream left = take();
    if (left != null) {
      left.close();
    }
  }
}

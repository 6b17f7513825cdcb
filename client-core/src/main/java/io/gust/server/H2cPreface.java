package io.gust.server;

import io.gust.http2.FrameReader;
import okio.Buffer;
import okio.ByteString;

/**
 * Watches the first bytes of a plain server connection for HTTP/2's connection preface (h2c by
 * prior knowledge), which hands the connection over to an {@link Http2ServerConnection}. Once
 * the bytes show it is not there, or a request head was read, the connection speaks HTTP/1 for
 * good. Loop-confined; one per connection.
 */
final class H2cPreface {
  private static final ByteString PREFACE = FrameReader.PREFACE;

  /** True until the first bytes showed that this connection does not speak h2c. */
  private boolean possible;

  H2cPreface(boolean possible) {
    this.possible = possible;
  }

  /**
   * Whether {@code in} starts with the preface, or with as much of it as arrived (the rest is
   * awaited under the idle timeout); once it cannot, false for good.
   */
  boolean starts(Buffer in) {
    if (!possible) {
      return false;
    }
    int available = (int) Math.min(in.size(), PREFACE.size());
    possible = in.rangeEquals(0, PREFACE, 0, available);
    return possible;
  }

  /** Whether {@code in}, which {@link #starts} with the preface, holds all of it. */
  static boolean isWhole(Buffer in) {
    return in.size() >= PREFACE.size();
  }

  /** A request head was read: the connection speaks HTTP/1. */
  void ruleOut() {
    possible = false;
  }
}

package io.gust.server;

import io.gust.net.ChannelStream;

/**
 * Tells, at each check of a connection's timer, whether the client took none of the bytes that
 * were waiting for it since the previous check: a client that stopped reading for a whole read
 * timeout is given up, one that reads slowly is not. Loop-confined.
 */
final class WriteStall {
  private final ChannelStream stream;
  /** Bytes written to the socket at the previous check; -1 before the first. */
  private long writtenAtLastCheck = -1;

  WriteStall(ChannelStream stream) {
    this.stream = stream;
  }

  /** True when bytes wait to be written and none was written since the previous check. */
  boolean check() {
    long written = stream.bytesWritten();
    if (stream.pendingWriteBytes() > 0 && written == writtenAtLastCheck) {
      return true;
    }
    writtenAtLastCheck = written;
    return false;
  }
}

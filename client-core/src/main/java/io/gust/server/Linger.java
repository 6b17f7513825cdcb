package io.gust.server;

import java.io.IOException;
import java.time.Duration;
import okio.Buffer;

/**
 * The linger of a server connection after an error answer: it goes on reading and discarding
 * what the client still sends, because closing with unread bytes would reset the connection and
 * could destroy the answer in flight; for at most {@link #DURATION} or {@link #MAX_BYTES},
 * whichever ends first. Loop-confined; one per connection.
 */
final class Linger {
  /** How long the connection keeps reading and discarding after an error answer. */
  static final Duration DURATION = Duration.ofMillis(200);
  /** How many bytes the connection discards after an error answer before it closes at once. */
  static final long MAX_BYTES = 1024 * 1024;

  /** Bytes discarded since the error answer. */
  private long discardedBytes;

  /** Drops what {@code in} holds; true once more than {@link #MAX_BYTES} were dropped. */
  boolean discard(Buffer in) {
    discardedBytes += in.size();
    in.clear();
    return discardedBytes > MAX_BYTES;
  }

  /** The failure that ends a connection whose client sent on past {@link #MAX_BYTES}. */
  static IOException overflow() {
    return new IOException("the client sent more than " + MAX_BYTES
        + " bytes after an error answer");
  }
}

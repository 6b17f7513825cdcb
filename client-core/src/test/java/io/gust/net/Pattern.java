package io.gust.net;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import okio.Buffer;

/** The deterministic bytes of the transfer tests: every offset of a stream has its own byte. */
final class Pattern {
  private Pattern() {}

  static byte at(long offset) {
    return (byte) (offset * 31 + (offset >>> 13));
  }

  static byte[] bytes(long offset, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = at(offset + i);
    }
    return bytes;
  }

  /** Fails unless {@code bytes[0, length)} is the pattern from {@code offset}. */
  static void verify(byte[] bytes, int length, long offset) {
    for (int i = 0; i < length; i++) {
      if (bytes[i] != at(offset + i)) {
        fail("wrong byte at offset " + (offset + i));
      }
    }
  }

  /**
   * A streaming-read consumer that checks every byte against the pattern, counts them, and
   * completes {@link #total} with the count when the stream ends.
   */
  static class Checker implements StreamConsumer {
    final CompletableFuture<Long> total = new CompletableFuture<>();
    private final byte[] scratch = new byte[64 * 1024];
    long received;

    @Override
    public void onData(Buffer chunk) {
      while (chunk.size() > 0) {
        int length = chunk.read(scratch, 0, scratch.length);
        verify(scratch, length, received);
        received += length;
      }
    }

    @Override
    public void onEnd() {
      total.complete(received);
    }

    @Override
    public void onError(Throwable cause) {
      total.completeExceptionally(cause);
    }
  }
}

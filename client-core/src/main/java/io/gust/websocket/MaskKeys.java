package io.gust.websocket;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A source of the masking keys a client puts on its frames (RFC 6455 §5.3 asks for keys an
 * attacker cannot predict). Keys come from a SecureRandom shared by all instances, drawn in
 * batches so that a frame costs an array read rather than a call into the shared generator.
 *
 * <p>Not thread-safe: give each loop thread its own (its connections may share it), or each
 * connection its own with a small batch.
 */
public final class MaskKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Random random;

  private final byte[] batch;

  /** Index in {@link #batch} of the next unused key; its length when all are used. */
  private int next;

  /** Creates a source drawing {@code batchKeys} keys (4 bytes each) at a time. */
  public MaskKeys(int batchKeys) {
    this(RANDOM, batchKeys);
  }

  /** Creates a source drawing from {@code random}: tests use it for known keys. */
  MaskKeys(Random random, int batchKeys) {
    if (batchKeys <= 0) {
      throw new IllegalArgumentException("batchKeys must be positive: " + batchKeys);
    }
    this.random = random;
    this.batch = new byte[batchKeys * 4];
    this.next = batch.length;
  }

  /** Returns the next key. */
  public int next() {
    if (next == batch.length) {
      random.nextBytes(batch);
      next = 0;
    }
    int key = (batch[next] & 0xff) << 24 | (batch[next + 1] & 0xff) << 16
        | (batch[next + 2] & 0xff) << 8 | (batch[next + 3] & 0xff);
    next += 4;
    return key;
  }
}

package io.gust.net;

import java.nio.ByteBuffer;

/**
 * The two direct buffers per loop thread through which every TLS stream on that loop moves its
 * ciphertext, so that an idle TLS connection holds no network buffer of its own.
 *
 * <p>Each is large enough for the records of one full {@link LoopScratch} of plaintext (four
 * 16 KiB records and their overhead) or two records of the large-fragment size. Like {@link
 * LoopScratch}, every use fills and drains a buffer before returning, and only loop threads use
 * them.
 */
final class TlsScratch {
  static final int SIZE_BYTES = 96 * 1024;

  private static final ThreadLocal<ByteBuffer> NET_IN =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE_BYTES));
  private static final ThreadLocal<ByteBuffer> NET_OUT =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE_BYTES));

  private TlsScratch() {}

  /** The calling loop thread's buffer for ciphertext read from sockets, cleared. */
  static ByteBuffer netIn() {
    return NET_IN.get().clear();
  }

  /** The calling loop thread's buffer for ciphertext to write to sockets, cleared. */
  static ByteBuffer netOut() {
    return NET_OUT.get().clear();
  }
}

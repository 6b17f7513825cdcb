package io.gust.net;

import java.nio.ByteBuffer;

/**
 * The one direct buffer per loop thread through which every stream on that loop reads from and
 * writes to its socket, so that an idle connection holds no I/O buffer of its own.
 *
 * <p>A loop runs one handler at a time and each use fills and drains the buffer before returning,
 * so the streams of a loop never see each other's bytes. Only loop threads may use it.
 */
final class LoopScratch {
  /** Bytes per loop: large enough for a full socket read, small enough to stay in cache. */
  static final int SIZE_BYTES = 64 * 1024;

  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SIZE_BYTES));

  private LoopScratch() {}

  /** The calling loop thread's buffer, cleared. */
  static ByteBuffer current() {
    return BUFFER.get().clear();
  }
}

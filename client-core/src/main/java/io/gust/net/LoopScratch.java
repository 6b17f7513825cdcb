package io.gust.net;

import java.nio.ByteBuffer;
import okio.Buffer;

/**
 * The one direct buffer per loop thread through which every stream on that loop reads from and
 * writes to its socket, and the one cursor through which a write queue's segments are copied into
 * it, so that an idle connection holds no I/O buffer or cursor of its own.
 *
 * <p>A loop runs one handler at a time and each use fills and drains the buffer (and closes the
 * cursor) before returning, so the streams of a loop never see each other's bytes. Only loop
 * threads may use it.
 */
final class LoopScratch {
  /** Bytes per loop: large enough for a full socket read, small enough to stay in cache. */
  static final int SIZE_BYTES = 64 * 1024;

  private static final ThreadLocal<LoopScratch> CURRENT = ThreadLocal.withInitial(LoopScratch::new);

  /** The direct buffer for socket reads and writes. */
  final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE_BYTES);
  /** Reads a write queue's segments in place; closed after each use. */
  final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();

  private LoopScratch() {}

  /** The calling loop thread's scratch. */
  static LoopScratch current() {
    return CURRENT.get();
  }
}

package io.gust.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read half of a {@link ChannelStream}: its buffer, its one pending {@link ReadOp}, the pause
 * flag, and the rules that hand buffered bytes to the operation. Loop-confined.
 *
 * <p>Operations complete and user callbacks run from inside {@link #deliver()}, and those may
 * start the next read, resume, or close the stream, which asks for another delivery. Such nested
 * requests only set a flag that the outermost delivery loop picks up, so callbacks never recurse
 * into a delivery already in progress and a chain of reads satisfied from the buffer does not
 * grow the stack.
 */
final class ReadSide {
  private static final Logger log = LoggerFactory.getLogger(ReadSide.class);
  /** Bytes one readiness event may read before yielding the loop to other connections. */
  static final long READ_BUDGET_BYTES = 256 * 1024;

  /** Bytes received and not yet taken by a read. Never grows past {@link #capBytes}. */
  final Buffer buffer = new Buffer();
  final long capBytes;
  private final ChannelStream stream;
  /** The pending read, or null. */
  private ReadOp op;
  private boolean paused;
  /** The buffer holds bytes (or a new operation came) that the operation has not been offered. */
  private boolean unseen;
  private boolean delivering;
  private boolean redeliver;
  /** Why reads ended (the stream closed, or the peer's input ended), or null. */
  private Throwable endCause;
  private boolean cleanEnd;
  private long bytesRead;

  ReadSide(ChannelStream stream, long capBytes) {
    this.stream = stream;
    this.capBytes = capBytes;
  }

  /** Installs the next read and offers it what is buffered. */
  void start(ReadOp next) {
    checkNonePending();
    op = next;
    unseen = true;
    deliver();
  }

  /** Throws {@link IllegalStateException} when a read is pending: one at a time, as in Tornado. */
  void checkNonePending() {
    if (isPending()) {
      throw new IllegalStateException("another read is already pending on this stream");
    }
  }

  boolean isPending() {
    return op != null && !op.isAbandoned();
  }

  /**
   * Whether the stream should read from its socket now: open, not paused, below the cap, and
   * either a read is pending or (to notice an idle peer closing) nothing is buffered.
   */
  boolean wantsSocket() {
    long size = buffer.size();
    return endCause == null && !paused && size < capBytes && (size == 0 || isPending());
  }

  private long roomBytes() {
    return capBytes - buffer.size();
  }

  /**
   * Reads from the socket while {@link #wantsSocket()}, offering each read to the pending read,
   * until the socket is drained or the budget spent; false at the end of input.
   */
  boolean fill(Transport transport, ByteBuffer scratch) throws IOException {
    long budget = READ_BUDGET_BYTES;
    while (wantsSocket()) {
      int room = (int) Math.min(scratch.capacity(), roomBytes());
      scratch.clear().limit(room);
      int read = transport.read(scratch);
      if (read <= 0) {
        return read == 0;
      }
      bytesRead += read;
      append(scratch.flip());
      budget -= read;
      // A short read means the socket is drained: skip the read that would return 0.
      if (read < room || budget <= 0) {
        return true;
      }
    }
    return true;
  }

  long bytesRead() {
    return bytesRead;
  }

  private void append(ByteBuffer source) {
    try {
      buffer.write(source);
    } catch (IOException e) {
      throw new AssertionError("an okio Buffer does not fail", e);
    }
    unseen = true;
    deliver();
  }

  void pause() {
    paused = true;
  }

  boolean isPaused() {
    return paused;
  }

  void resume() {
    if (paused) {
      paused = false;
      unseen = true;
      deliver();
    }
  }

  /**
   * The stream closed, or its input ended in a half close: the pending read, and any later one,
   * completes or fails by the close rules.
   */
  void end(Throwable cause, boolean clean, boolean discardBuffered) {
    endCause = cause;
    cleanEnd = clean;
    if (discardBuffered) {
      buffer.clear();
    }
    deliver();
  }

  void deliver() {
    if (delivering) {
      redeliver = true;
      return;
    }
    delivering = true;
    try {
      do {
        redeliver = false;
        deliverOnce();
      } while (redeliver);
    } finally {
      delivering = false;
    }
  }

  private void deliverOnce() {
    ReadOp current = op;
    if (current == null) {
      return;
    }
    if (current.isAbandoned()) {
      op = null;
      return;
    }
    if (isHeld()) {
      return;
    }
    if (!paused && unseen && buffer.size() > 0) {
      unseen = false;
      if (consume(current)) {
        if (op == current) {
          op = null;
        }
        current.finish();
        return;
      }
    }
    if (op != current || isHeld()) {
      return;
    }
    if (endCause != null) {
      op = null;
      endQuietly(current);
    } else if (buffer.size() >= current.limitBytes(capBytes)) {
      stream.fail(new ReadBufferOverflowException(current.limitBytes(capBytes)));
    }
  }

  /** Paused, and not failed: a clean end waits until every buffered byte was offered. */
  private boolean isHeld() {
    return paused && (endCause == null || cleanEnd);
  }

  private boolean consume(ReadOp current) {
    try {
      return current.consume(buffer);
    } catch (RuntimeException | Error e) {
      log.warn("read callback threw; failing the stream", e);
      stream.fail(e);
      return false;
    }
  }

  private void endQuietly(ReadOp current) {
    try {
      current.end(buffer, endCause, cleanEnd);
    } catch (RuntimeException | Error e) {
      log.warn("read callback threw while the stream closed", e);
    }
  }
}

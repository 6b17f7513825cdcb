package io.gust.net;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import okio.ByteString;

/**
 * One pending read on a {@link ChannelStream}: what it waits for in the read buffer and how it
 * completes. Loop-confined.
 *
 * <p>{@link ReadSide} offers the buffered bytes to {@link #consume}; when that returns true it
 * uninstalls the operation first and only then calls {@link #finish}, so that whatever the
 * completion runs may start the next read at once.
 */
abstract class ReadOp {
  /** How many bytes may pile up in the buffer while this operation cannot make progress. */
  abstract long limitBytes(long capBytes);

  /** Takes what this operation needs from {@code buffered}; true when it is finished. */
  abstract boolean consume(Buffer buffered);

  /** Completes the operation after it was uninstalled. */
  void finish() {}

  /** The stream closed while this operation was pending; {@code clean} for a peer's clean close. */
  abstract void end(Buffer buffered, Throwable cause, boolean clean);

  /** True when nobody waits for the result any more (its future was cancelled). */
  boolean isAbandoned() {
    return false;
  }

  /** A read whose result is one buffer delivered through a future. */
  abstract static class FutureRead extends ReadOp {
    final CompletableFuture<Buffer> future = new CompletableFuture<>();
    private Buffer result;

    final boolean take(Buffer buffered, long byteCount) {
      result = new Buffer();
      result.write(buffered, byteCount);
      return true;
    }

    @Override
    final void finish() {
      future.complete(result);
    }

    @Override
    void end(Buffer buffered, Throwable cause, boolean clean) {
      future.completeExceptionally(cause);
    }

    @Override
    final boolean isAbandoned() {
      return future.isDone();
    }
  }

  /** Bytes up to and including a delimiter, scanning each buffered byte only once. */
  static final class DelimiterRead extends FutureRead {
    private final ByteString delimiter;
    private final long limitBytes;
    /** Where the next scan starts: earlier positions cannot begin a match. */
    private long scanFromIndex;

    DelimiterRead(ByteString delimiter, long limitBytes) {
      this.delimiter = delimiter;
      this.limitBytes = limitBytes;
    }

    @Override
    long limitBytes(long capBytes) {
      return limitBytes;
    }

    @Override
    boolean consume(Buffer buffered) {
      long size = buffered.size();
      int length = delimiter.size();
      // A match must start early enough to end within the limit.
      long scanToIndex = Math.min(size, limitBytes - length + 1);
      long index = scanFromIndex < scanToIndex ? indexOf(buffered, scanToIndex) : -1;
      if (index >= 0) {
        return take(buffered, index + length);
      }
      // The last length - 1 bytes may be the start of a match that the next bytes complete.
      scanFromIndex = Math.max(scanFromIndex, size - length + 1);
      return false;
    }

    private long indexOf(Buffer buffered, long scanToIndex) {
      try {
        return buffered.indexOf(delimiter, scanFromIndex, scanToIndex);
      } catch (IOException e) {
        throw new AssertionError("an okio Buffer does not fail", e);
      }
    }
  }

  /** Exactly {@code byteCount} bytes. */
  static final class CountRead extends FutureRead {
    private final long byteCount;

    CountRead(long byteCount) {
      this.byteCount = byteCount;
    }

    @Override
    long limitBytes(long capBytes) {
      return byteCount;
    }

    @Override
    boolean consume(Buffer buffered) {
      return buffered.size() >= byteCount && take(buffered, byteCount);
    }
  }

  /** Everything until the peer closes. */
  static final class CloseRead extends FutureRead {
    @Override
    long limitBytes(long capBytes) {
      return capBytes;
    }

    @Override
    boolean consume(Buffer buffered) {
      return false;
    }

    @Override
    void end(Buffer buffered, Throwable cause, boolean clean) {
      if (clean) {
        take(buffered, buffered.size());
        finish();
      } else {
        super.end(buffered, cause, false);
      }
    }
  }

  /**
   * Lets a {@link ReadListener} consume from the stream's own buffer until it says done. Once
   * done it lets go of its listener, and its stream may install it again for the next one.
   */
  static final class ListenerRead extends ReadOp {
    /** The listener while installed; null once it said done or heard the end. */
    private ReadListener listener;

    ListenerRead(ReadListener listener) {
      this.listener = listener;
    }

    /** Takes {@code next} as its listener; only while it is not installed on its stream. */
    ListenerRead reuse(ReadListener next) {
      listener = next;
      return this;
    }

    @Override
    long limitBytes(long capBytes) {
      return capBytes;
    }

    @Override
    boolean consume(Buffer buffered) {
      if (listener.onReadable(buffered)) {
        return false;
      }
      listener = null;
      return true;
    }

    @Override
    void end(Buffer buffered, Throwable cause, boolean clean) {
      ReadListener ended = listener;
      listener = null;
      if (clean) {
        ended.onEnd(buffered);
      } else {
        ended.onError(cause);
      }
    }
  }

  /**
   * Adapts a {@link StreamConsumer} to a listener read: each call moves every buffered byte into a
   * new chunk (okio moves the segments, it does not copy them) and hands it over.
   */
  static final class ChunkingListener implements ReadListener {
    private final StreamConsumer consumer;

    ChunkingListener(StreamConsumer consumer) {
      this.consumer = consumer;
    }

    @Override
    public boolean onReadable(Buffer buffered) {
      Buffer chunk = new Buffer();
      chunk.write(buffered, buffered.size());
      consumer.onData(chunk);
      return true;
    }

    @Override
    public void onEnd(Buffer buffered) {
      if (buffered.size() > 0) {
        onReadable(buffered);
      }
      consumer.onEnd();
    }

    @Override
    public void onError(Throwable cause) {
      consumer.onError(cause);
    }
  }
}

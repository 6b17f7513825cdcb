package io.gust.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write half of a {@link ChannelStream}: queued bytes in order, the listeners waiting for
 * them, and the flush into the socket. Loop-confined.
 *
 * <p>Flushing copies up to 64 KiB from the queue's okio segments into the loop's direct buffer
 * in one pass and writes that. A gathering write of the segments themselves would not save the
 * copy: the JDK copies heap buffers into a temporary direct buffer before every socket write. It
 * would cost a {@code ByteBuffer} wrapper per segment per write and let the JDK's per-thread
 * temporary buffers grow to the largest write. Bytes the socket does not accept stay queued and
 * are copied again next time, which happens only when the socket is full.
 *
 * <p>File regions queued with {@link #enqueueFile} go out in their place in the order, straight
 * from the file through the transport (sendfile), so their bytes never enter the heap or the
 * queue; only as much is sent as the socket takes.
 */
final class WriteSide {
  private static final Logger log = LoggerFactory.getLogger(WriteSide.class);
  /** Bytes one flush may write before yielding the loop to other connections. */
  static final long FLUSH_BUDGET_BYTES = 256 * 1024;

  /** Bytes accepted by write() and not yet written to the socket, file regions excepted. */
  private final Buffer queued = new Buffer();
  /**
   * File regions not yet sent whole, in order; each starts after the bytes queued before it. Null
   * until the first file is queued.
   */
  private ArrayDeque<FileRegion> regions;
  /**
   * Ring of listeners, each with the total byte count that completes it; a power of two long. An
   * HTTP/1.1 exchange queues one or two at a time, so it starts small and grows when needed.
   */
  private WriteListener[] listeners = new WriteListener[2];
  private long[] endTotals = new long[2];
  private int head;
  private int count;
  private long queuedTotal;
  private long writtenTotal;

  /** Takes every byte of {@code data}; the listener, if any, hears when they were written. */
  void enqueue(Buffer data, WriteListener listener) {
    long byteCount = data.size();
    queued.write(data, byteCount);
    queuedTotal += byteCount;
    if (listener != null) {
      add(listener, queuedTotal);
    }
  }

  /**
   * Queues {@code byteCount} bytes of {@code file} from {@code position}, sent with {@link
   * Transport#transferFrom}; the listener, if any, hears when they were written.
   */
  void enqueueFile(FileChannel file, long position, long byteCount, WriteListener listener) {
    if (regions == null) {
      regions = new ArrayDeque<>(2);
    }
    regions.add(new FileRegion(file, position, byteCount, queuedTotal));
    queuedTotal += byteCount;
    if (listener != null) {
      add(listener, queuedTotal);
    }
  }

  /** Bytes queued and not yet written, including those of file regions. */
  long pendingBytes() {
    return queuedTotal - writtenTotal;
  }

  long writtenTotal() {
    return writtenTotal;
  }

  /** True when bytes wait for the socket. */
  boolean hasPending() {
    return queuedTotal != writtenTotal;
  }

  /** Writes until the queue is empty, the socket is full, or the budget is spent. */
  void flush(Transport transport, LoopScratch scratch) throws IOException {
    long budget = FLUSH_BUDGET_BYTES;
    while (hasPending() && budget > 0) {
      FileRegion region = regions == null ? null : regions.peek();
      if (region != null && region.startTotal <= writtenTotal) {
        long sent = region.send(transport, budget);
        writtenTotal += sent;
        budget -= sent;
        if (!region.isDone()) {
          return;
        }
        regions.poll();
        continue;
      }
      long before = region == null ? queued.size() : region.startTotal - writtenTotal;
      int copied = copyHead(scratch.buffer, scratch.cursor, before);
      int written = transport.write(scratch.buffer);
      if (written > 0) {
        queued.skip(written);
        writtenTotal += written;
        budget -= written;
      }
      if (written < copied) {
        return;
      }
    }
  }

  /** Copies at most {@code limit} of the queue's first bytes into {@code scratch}, flipped. */
  private int copyHead(ByteBuffer scratch, Buffer.UnsafeCursor cursor, long limit) {
    scratch.clear();
    int wanted = (int) Math.min(scratch.capacity(), limit);
    queued.readUnsafe(cursor);
    try {
      cursor.seek(0);
      int copied = 0;
      while (true) {
        int length = Math.min(cursor.end - cursor.start, wanted - copied);
        scratch.put(cursor.data, cursor.start, length);
        copied += length;
        if (copied == wanted) {
          break;
        }
        cursor.next();
      }
    } finally {
      cursor.close();
    }
    return scratch.flip().remaining();
  }

  /** Tells, in order, every listener whose bytes are all written. */
  void completeWritten() {
    while (count > 0 && endTotals[head] <= writtenTotal) {
      WriteListener listener = poll();
      try {
        listener.onWritten();
      } catch (RuntimeException | Error e) {
        log.warn("write listener threw", e);
      }
    }
  }

  /** Drops the queued bytes and fails every waiting listener. */
  void fail(Throwable cause) {
    queued.clear();
    if (regions != null) {
      regions.clear();
    }
    queuedTotal = writtenTotal;
    while (count > 0) {
      WriteListener listener = poll();
      notifyFailed(listener, cause);
    }
  }

  static void notifyFailed(WriteListener listener, Throwable cause) {
    try {
      listener.onWriteFailed(cause);
    } catch (RuntimeException | Error e) {
      log.warn("write listener threw", e);
    }
  }

  private void add(WriteListener listener, long endTotal) {
    if (count == listeners.length) {
      grow();
    }
    int tail = (head + count) & (listeners.length - 1);
    listeners[tail] = listener;
    endTotals[tail] = endTotal;
    count++;
  }

  private WriteListener poll() {
    WriteListener listener = listeners[head];
    listeners[head] = null;
    head = (head + 1) & (listeners.length - 1);
    count--;
    return listener;
  }

  private void grow() {
    int capacity = listeners.length;
    WriteListener[] newListeners = new WriteListener[capacity * 2];
    long[] newEnds = new long[capacity * 2];
    for (int i = 0; i < count; i++) {
      int from = (head + i) & (capacity - 1);
      newListeners[i] = listeners[from];
      newEnds[i] = endTotals[from];
    }
    listeners = newListeners;
    endTotals = newEnds;
    head = 0;
  }

  /** The future returned by {@link ChannelStream#write(Buffer)}: a listener that completes it. */
  static final class WriteFuture extends CompletableFuture<Void> implements WriteListener {
    @Override
    public void onWritten() {
      complete(null);
    }

    @Override
    public void onWriteFailed(Throwable cause) {
      completeExceptionally(cause);
    }
  }
}

package io.gust.websocket;

import io.gust.net.WriteListener;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded send side of a {@link WebSocketEndpoint}: each send reserves its payload plus
 * {@link #MESSAGE_OVERHEAD_BYTES} against the bound on the calling thread (lock-free, so a
 * sender on another thread cannot pile up tasks on the loop either), and releases it once its
 * frame was written to the socket or failed. A send past the bound fails at once with the
 * side's queue-full error; one that reaches the loop after a close was sent fails with its
 * closed error. Frames are encoded on the loop, in the order sends arrive.
 *
 * <p>While the endpoint delivers what one read brought ({@link #hold()} to {@link #release()}),
 * frames are gathered and written together, so that the answers a listener sends to a burst of
 * messages leave in one system call instead of one each. Frames written at once ({@link
 * #urgent}) write what is gathered first, so that the order on the wire stays that of the sends.
 */
final class SendQueue {
  private static final Logger log = LoggerFactory.getLogger(SendQueue.class);
  /** What each message costs beyond its payload: frame header and bookkeeping. */
  static final long MESSAGE_OVERHEAD_BYTES = 64;

  /** Encodes one frame into the buffer to write; runs on the loop. */
  @FunctionalInterface
  interface Frame {
    void write(Buffer out);
  }

  private final WebSocketEndpoint<?> session;
  private final long limitBytes;
  /** Reserved by sends and not yet written or failed; any thread. */
  private final AtomicLong queuedBytes = new AtomicLong();
  /** Nesting depth of {@link #hold()}; loop-confined, like the two fields below. */
  private int holds;
  /** Frames encoded while held and not yet handed to the stream. */
  private final Buffer gathered = new Buffer();
  /** The one send whose frame is gathered, while there is just one. */
  private Write firstGathered;
  /** The sends whose frames are gathered, in order, once there are two; null until then. */
  private Batch batch;

  SendQueue(WebSocketEndpoint<?> session, long limitBytes) {
    this.session = session;
    this.limitBytes = limitBytes;
  }

  /** Sends a data message of {@code payload}; {@code text} vouches that it is UTF-8. */
  CompletableFuture<Void> data(boolean text, ByteString payload) {
    return enqueue(payload.size(), out -> session.writer.writeMessage(out, text, payload));
  }

  /**
   * Sends a control frame of {@code payloadBytes}; an automatic one (a pong) that finds the queue
   * full is dropped quietly, as a peer that does not read would not see it anyway.
   */
  CompletableFuture<Void> control(long payloadBytes, Frame frame, boolean automatic) {
    CompletableFuture<Void> sent = enqueue(payloadBytes, frame);
    if (automatic && sent.isCompletedExceptionally()) {
      log.debug("dropping an automatic control frame: the send queue is full");
    }
    return sent;
  }

  /**
   * Writes a close frame or keepalive ping at once, outside the bound; {@code written} (or null)
   * runs once it is written or failed.
   */
  void urgent(Frame frame, Runnable written) {
    writeGathered();
    Buffer out = new Buffer();
    frame.write(out);
    session.stream.write(out, written == null ? null : new WriteListener() {
      @Override
      public void onWritten() {
        written.run();
      }

      @Override
      public void onWriteFailed(Throwable cause) {
        written.run();
      }
    });
  }

  /** Gathers frames from now until the matching {@link #release()}; loop thread, nests. */
  void hold() {
    holds++;
  }

  /** Ends a {@link #hold()}: the outermost one writes what was gathered. */
  void release() {
    if (--holds == 0) {
      writeGathered();
    }
  }

  private void writeGathered() {
    WriteListener written = batch != null ? batch : firstGathered;
    if (written != null) {
      batch = null;
      firstGathered = null;
      session.stream.write(gathered, written);
    }
  }

  private CompletableFuture<Void> enqueue(long payloadBytes, Frame frame) {
    long cost = payloadBytes + MESSAGE_OVERHEAD_BYTES;
    Write write = new Write(cost, frame);
    long before = queuedBytes.getAndAdd(cost);
    if (before > 0 && before + cost > limitBytes) {
      queuedBytes.addAndGet(-cost);
      write.completeExceptionally(session.queueFullError(before, limitBytes));
      return write;
    }
    session.onLoop(write, write);
    return write;
  }

  private void writeOnLoop(Write write, Frame frame) {
    if (session.state != WebSocketEndpoint.State.OPEN) {
      write.refuse(session.closedError(session.closeCode(), "the WebSocket is closing or closed", null));
      return;
    }
    if (holds > 0) {
      frame.write(gathered);
      if (firstGathered == null && batch == null) {
        firstGathered = write;
      } else {
        if (batch == null) {
          batch = new Batch();
          batch.add(firstGathered);
          firstGathered = null;
        }
        batch.add(write);
      }
      return;
    }
    Buffer out = new Buffer();
    frame.write(out);
    session.stream.write(out, write);
  }

  /** The sends whose frames went to the stream in one write; tells each of them, in order. */
  private static final class Batch implements WriteListener {
    private Write[] writes = new Write[8];
    private int count;

    void add(Write write) {
      if (count == writes.length) {
        writes = java.util.Arrays.copyOf(writes, count * 2);
      }
      writes[count++] = write;
    }

    @Override
    public void onWritten() {
      for (int i = 0; i < count; i++) {
        writes[i].onWritten();
      }
    }

    @Override
    public void onWriteFailed(Throwable cause) {
      for (int i = 0; i < count; i++) {
        writes[i].onWriteFailed(cause);
      }
    }
  }

  /** One send's future, completed when its frame was written; releases its reservation. */
  private final class Write extends CompletableFuture<Void> implements WriteListener, Runnable {
    private final long cost;
    private final Frame frame;

    Write(long cost, Frame frame) {
      this.cost = cost;
      this.frame = frame;
    }

    /** Encodes and writes the frame, on the loop. */
    @Override
    public void run() {
      writeOnLoop(this, frame);
    }

    @Override
    public void onWritten() {
      queuedBytes.addAndGet(-cost);
      complete(null);
    }

    @Override
    public void onWriteFailed(Throwable cause) {
      refuse(session.closedError(CloseCodes.ABNORMAL,
          "the connection closed before the frame was written", cause));
    }

    void refuse(IOException error) {
      queuedBytes.addAndGet(-cost);
      completeExceptionally(error);
    }
  }
}

package io.gust.websocket;

import io.gust.net.WriteListener;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded send side of a {@link WebSocketEndpoint}: each send reserves its payload plus
 * {@link #MESSAGE_OVERHEAD_BYTES} against the bound on the calling thread (lock-free, so a
 * sender on another thread cannot pile up tasks on the loop either), and releases it once its
 * frame was written to the socket or failed. A send past the bound fails at once with the
 * side's queue-full error; one that reaches the loop after a close was sent fails with its
 * closed error. Frames are encoded on the loop, in the order sends arrive.
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

  SendQueue(WebSocketEndpoint<?> session, long limitBytes) {
    this.session = session;
    this.limitBytes = limitBytes;
  }

  /** Sends a data message of all of {@code payload}; {@code text} vouches that it is UTF-8. */
  CompletableFuture<Void> data(boolean text, Buffer payload) {
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

  private CompletableFuture<Void> enqueue(long payloadBytes, Frame frame) {
    long cost = payloadBytes + MESSAGE_OVERHEAD_BYTES;
    Write write = new Write(cost);
    long before = queuedBytes.getAndAdd(cost);
    if (before > 0 && before + cost > limitBytes) {
      queuedBytes.addAndGet(-cost);
      write.completeExceptionally(session.queueFullError(before, limitBytes));
      return write;
    }
    session.onLoop(() -> writeOnLoop(write, frame), write);
    return write;
  }

  private void writeOnLoop(Write write, Frame frame) {
    if (session.state != WebSocketEndpoint.State.OPEN) {
      write.refuse(session.closedError(session.closeCode(), "the WebSocket is closing or closed", null));
      return;
    }
    Buffer out = new Buffer();
    frame.write(out);
    session.stream.write(out, write);
  }

  /** One send's future, completed when its frame was written; releases its reservation. */
  private final class Write extends CompletableFuture<Void> implements WriteListener {
    private final long cost;

    Write(long cost) {
      this.cost = cost;
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

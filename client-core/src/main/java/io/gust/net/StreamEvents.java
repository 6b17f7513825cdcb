package io.gust.net;

import io.gust.loop.EventLoop;
import io.gust.loop.IoHandler;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;

/**
 * Drives one {@link ChannelStream} from its selection key: moves bytes between the stream's read
 * and write sides and its transport when the loop reports readiness, keeps the key's interest set
 * in step with what the sides want, and decides what the end of the peer's input means.
 * Loop-confined.
 *
 * <p>End of input closes the stream, unless its owner {@link #allowHalfClose() allowed a half
 * close} and the transport can still send (plain TCP; TLS 1.3, or a TLS peer that sent no
 * close_notify). Then the read side ends cleanly, which also takes read interest off the key (a
 * socket at its end stays readable forever, so keeping it would spin the loop), and the stream
 * stays open for writes.
 */
final class StreamEvents implements IoHandler {
  private final ChannelStream stream;
  private final Transport transport;
  private final ReadSide reads;
  private final WriteSide writes;
  /** The loop's shared direct buffer and cursor for socket I/O. */
  private final LoopScratch scratch = LoopScratch.current();
  private SelectionKey key;
  /** The interest set last given to the key. */
  private int interestOps = -1;
  /** False while the transport holds bytes of its own to send (TLS records). */
  private boolean transportFlushed = true;
  private boolean halfCloseAllowed;

  StreamEvents(ChannelStream stream, Transport transport, ReadSide reads, WriteSide writes) {
    this.stream = stream;
    this.transport = transport;
    this.reads = reads;
    this.writes = writes;
  }

  /** Registers the channel with no interest yet; the first {@link #updateInterest} sets it. */
  void register(EventLoop loop) throws IOException {
    key = loop.register(transport.channel(), 0, this);
  }

  /** Takes the channel off the selector; for the stream's close. */
  void cancel() {
    if (key != null) {
      key.cancel();
    }
  }

  /** Leaves the channel registered with no interest, for the stream a handover gives it to. */
  void detach() {
    if (key != null && key.isValid()) {
      key.interestOps(0);
    }
  }

  void allowHalfClose() {
    halfCloseAllowed = true;
  }

  /** True while writes wait for the socket to become writable (a flush now would be wasted). */
  boolean hasWriteInterest() {
    return (interestOps & SelectionKey.OP_WRITE) != 0;
  }

  void readFromSocket() {
    try {
      if (!reads.fill(transport, scratch.buffer)) {
        endOfInput();
      }
    } catch (IOException e) {
      stream.fail(IoFailures.translate(e));
    }
  }

  private void endOfInput() {
    if (!halfCloseAllowed || !transport.isWritableAfterInputEnd()) {
      stream.fail(StreamClosedException.closedByPeer());
      return;
    }
    stream.inputEnded();
    updateInterest();
  }

  /** Retries writes and reads for the transport, which finished work of its own. */
  void pump() {
    flushWrites();
    readFromSocket();
    updateInterest();
  }

  void flushWrites() {
    try {
      transportFlushed = transport.flush();
      if (transportFlushed) {
        writes.flush(transport, scratch);
      }
    } catch (IOException e) {
      stream.fail(IoFailures.translate(e));
      return;
    }
    updateInterest();
    writes.completeWritten();
  }

  void updateInterest() {
    if (!stream.isOpen()) {
      return;
    }
    int ops = reads.wantsSocket() ? SelectionKey.OP_READ : 0;
    if (writes.hasPending() || !transportFlushed) {
      ops |= SelectionKey.OP_WRITE;
    }
    ops = transport.interestOps(ops);
    if (ops != interestOps) {
      interestOps = ops;
      key.interestOps(ops);
    }
  }

  @Override
  public void onReady(SelectionKey readyKey) {
    int ready = readyKey.readyOps();
    if ((ready & SelectionKey.OP_WRITE) != 0) {
      flushWrites();
    }
    if ((ready & SelectionKey.OP_READ) != 0) {
      readFromSocket();
    }
    updateInterest();
  }

  @Override
  public void onFailure(Throwable cause) {
    boolean loopClosed = cause instanceof ClosedChannelException;
    stream.fail(loopClosed ? StreamClosedException.loopClosed(cause) : cause);
  }
}

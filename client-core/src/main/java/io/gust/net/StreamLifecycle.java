package io.gust.net;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one {@link ChannelStream}: its state, why it closed, its close listeners, and
 * the one path to CLOSED, which stops the stream's events, closes its transport, fails its writes,
 * ends its reads and tells the listeners. Loop-confined; one per stream.
 *
 * <p>States: OPEN → CLOSED; OPEN → INPUT_ENDED (the peer ended its output in an allowed half
 * close) → CLOSED. A stream handed over to TLS goes to CLOSED without closing its transport or
 * telling its listeners.
 */
final class StreamLifecycle {
  /** The stream's logger, so its lines keep their category. */
  private static final Logger log = LoggerFactory.getLogger(ChannelStream.class);

  enum State { OPEN, INPUT_ENDED, CLOSED }

  private final ChannelStream stream;
  private final Transport transport;
  private final ReadSide reads;
  private final WriteSide writes;
  private final StreamEvents events;
  private final CloseListeners closeListeners = new CloseListeners();
  private State state = State.OPEN;
  /** Why the stream closed; operations started after that fail with it. */
  private Throwable closeCause;

  StreamLifecycle(ChannelStream stream, Transport transport, ReadSide reads, WriteSide writes,
      StreamEvents events) {
    this.stream = stream;
    this.transport = transport;
    this.reads = reads;
    this.writes = writes;
    this.events = events;
  }

  State state() {
    return state;
  }

  /** The stream's connection now belongs to a TLS stream: this one ends, telling nobody. */
  void handOver() {
    state = State.CLOSED;
    closeCause = StreamClosedException.closedLocally();
  }

  /** True, after failing {@code listener} (which may be null), when the stream is closed. */
  boolean refuseWrite(WriteListener listener) {
    if (state == State.CLOSED && listener != null) {
      WriteSide.notifyFailed(listener, closeCause);
    }
    return state == State.CLOSED;
  }

  void addCloseListener(Consumer<Throwable> listener) {
    closeListeners.add(listener);
  }

  /** The peer ended its output and a half close is allowed: reads end, writes go on. */
  void inputEnded() {
    if (state != State.OPEN) {
      return;
    }
    state = State.INPUT_ENDED;
    log.debug("stream from {} ended its input; still open for writes", stream.peerName());
    reads.end(StreamClosedException.closedByPeer(), true, false);
  }

  /**
   * Closes the stream with {@code cause}; idempotent. Close listeners hear {@code reported}:
   * null for a local close, which also discards what is buffered.
   */
  void terminate(Throwable cause, Throwable reported) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    closeCause = cause;
    events.cancel();
    transport.close();
    log.debug("stream to {} closed: {}", stream.peerName(), cause.getMessage());
    writes.fail(cause);
    reads.end(cause, StreamClosedException.isPeerClose(cause), reported == null);
    closeListeners.fire(reported);
  }
}

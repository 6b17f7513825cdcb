package io.gust.net;

import io.gust.client.TlsFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of a {@link TlsTransport}: reads ciphertext from the socket and unwraps it into
 * the stream's buffer, reading no more than that buffer can take as plaintext, and notices an
 * end of input without close_notify. Loop-confined.
 *
 * <p>Unwrapping may advance the handshake; between records it lets the transport wrap what the
 * engine asks to send and start delegated tasks, and stops while a task runs.
 */
final class TlsReadSide {
  private static final Logger log = LoggerFactory.getLogger(TlsReadSide.class);

  private final TlsTransport transport;
  /** Where ciphertext comes from: the socket, or an outer TLS transport. */
  private final Transport lower;
  private final SSLEngine engine;
  private final TlsLeftovers leftovers;
  /**
   * The one target of each unwrap, passed as an array: the two-buffer form makes the JDK's
   * engine allocate one per record. Empty between calls.
   */
  private final ByteBuffer[] targets = new ByteBuffer[1];
  /** The last read stopped with whole records left because the stream's buffer was full. */
  private boolean recordsWaiting;
  /** The current read found the socket empty: another socket read would return nothing. */
  private boolean socketDrained;
  /**
   * The input ended (close_notify or the socket's end) while a read still returned plaintext: the
   * next read returns -1. A TLS 1.2 peer may wait for our close_notify before it closes the
   * socket, so that end must not wait for the socket to signal again.
   */
  private boolean ended;
  private boolean truncated;

  TlsReadSide(TlsTransport transport, Transport lower, SSLEngine engine,
      TlsLeftovers leftovers) {
    this.transport = transport;
    this.lower = lower;
    this.engine = engine;
    this.leftovers = leftovers;
  }

  /** Whether the input ended without the peer's close_notify, after the handshake. */
  boolean isTruncated() {
    return truncated;
  }

  /** Whether plaintext or whole records wait here, which the socket may never signal again. */
  boolean hasWaitingInput() {
    return leftovers.hasPlain() || recordsWaiting || ended;
  }

  /** Reads plaintext into {@code dst}: the bytes read, or -1 at the end of input. */
  int read(ByteBuffer dst) throws IOException {
    if (leftovers.hasPlain()) {
      int drained = leftovers.drainPlain(dst);
      // Records may wait behind the plaintext, and the socket may never signal them.
      recordsWaiting = !leftovers.hasPlain() && leftovers.hasIn();
      return drained;
    }
    if (ended) {
      return -1;
    }
    int start = dst.position();
    ByteBuffer in = transport.netIn();
    leftovers.restoreIn(in);
    in.flip();
    recordsWaiting = false;
    boolean end;
    try {
      end = unwrapAll(in, dst, start);
    } finally {
      leftovers.keepIn(in, engine.getSession().getPacketBufferSize());
    }
    int produced = dst.position() - start;
    ended = end;
    return produced > 0 || !end ? produced : -1;
  }

  /**
   * Unwraps records from {@code in} (ciphertext, read mode) into {@code dst}, reading the socket
   * when a record is incomplete, until the socket is drained, {@code dst} is full, or the
   * handshake waits for a task or the socket; true at the end of input. A record too large for
   * {@code dst} goes to a buffer of its own, whose rest the leftovers hold.
   */
  private boolean unwrapAll(ByteBuffer in, ByteBuffer dst, int start) throws IOException {
    socketDrained = false;
    ByteBuffer target = dst;
    boolean handshaking = transport.isHandshaking();
    while (true) {
      if (!transport.wrapOrDelegate()) {
        return false;
      }
      if (handshaking && !transport.isHandshaking()) {
        return handshakeJustFinished();
      }
      SSLEngineResult result = unwrap(in, target);
      transport.afterResult(result);
      if (handshaking && !transport.isHandshaking()) {
        return handshakeJustFinished();
      }
      if (target != dst && target.position() > 0) {
        leftovers.keepPlain(target.flip(), dst);
        return false;
      }
      switch (result.getStatus()) {
        case OK:
          break;
        case BUFFER_UNDERFLOW:
          int read = socketDrained ? 0 : readSocket(in, dst, start);
          if (read <= 0) {
            return read < 0 && endOfInput();
          }
          break;
        case BUFFER_OVERFLOW:
          // The engine reports overflow before it checks that the record is complete.
          if (dst.position() != start) {
            recordsWaiting = true;
            return false;
          }
          if (target != dst) {
            throw new SSLException("a TLS record exceeds the application buffer size");
          }
          target = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
          break;
        case CLOSED:
        default:
          return endOfInput();
      }
    }
  }

  private SSLEngineResult unwrap(ByteBuffer in, ByteBuffer target) throws SSLException {
    targets[0] = target;
    try {
      return engine.unwrap(in, targets, 0, 1);
    } finally {
      targets[0] = null;
    }
  }

  /**
   * Stops reading at the end of the handshake, so that whoever waits for it hears of it before
   * any later record is read. A TLS 1.3 server judges the client's certificate only after the
   * client's Finished, and its alert may already wait in the socket: read in the same pass, it
   * would fail the handshake on some runs and the first request on others.
   */
  private boolean handshakeJustFinished() {
    recordsWaiting = true;
    return false;
  }

  /**
   * Reads ciphertext after what {@code in} holds, no more than {@code dst} can take as plaintext
   * (so whole records never wait in the transport) but at least one record's worth; the bytes
   * read, 0 when none were ready or there is no room, -1 at the end of input.
   */
  private int readSocket(ByteBuffer in, ByteBuffer dst, int start) throws IOException {
    int held = in.remaining();
    int wanted = dst.remaining() - held;
    if (dst.position() == start) {
      wanted = Math.max(wanted, engine.getSession().getPacketBufferSize() - held);
    }
    in.compact();
    int limit = Math.min(in.capacity(), in.position() + wanted);
    if (limit <= in.position()) {
      in.flip();
      return 0;
    }
    in.limit(limit);
    int requested = in.remaining();
    int read;
    try {
      read = lower.read(in);
    } finally {
      in.flip();
    }
    socketDrained = read < requested;
    return read;
  }

  private boolean endOfInput() throws IOException {
    if (transport.isHandshaking()) {
      throw new TlsHandshakeException(TlsFailure.OTHER,
          "the peer closed the connection during the TLS handshake", null);
    }
    if (!engine.isInboundDone()) {
      truncated = true;
      log.debug("TLS peer {} closed without close_notify", lower.channel());
    }
    return true;
  }
}

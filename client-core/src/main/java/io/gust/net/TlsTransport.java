package io.gust.net;

import static javax.net.ssl.SSLEngineResult.HandshakeStatus.FINISHED;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_TASK;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_UNWRAP;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_WRAP;
import static javax.net.ssl.SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;

import io.gust.client.TlsFailure;
import io.gust.client.TlsInfo;
import io.gust.loop.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS {@link Transport}: an {@link SSLEngine} between a {@link ChannelStream} and its socket,
 * driven on the loop thread without blocking. Loop-confined.
 *
 * <p>States: HANDSHAKING → OPEN when the engine reports the handshake finished; HANDSHAKING or
 * OPEN → CLOSED by {@link #close()}. A failure is thrown from {@code read}, {@code write} or
 * {@code flush} (a handshake failure as a {@link TlsHandshakeException}), and the stream's one
 * fail path closes the transport. The handshake advances inside every call: reads unwrap (in
 * {@link TlsReadSide}), {@code flush} and {@code read} wrap what the engine asks to send, and
 * delegated tasks run on the task executor while the transport asks for no readiness at all;
 * when they finish, the transport pumps the stream again on the loop. In an OPEN TLS 1.2 session
 * any new handshake is a renegotiation and fails with {@link TlsFailure#RENEGOTIATION}; TLS 1.3
 * post-handshake messages (session tickets, key updates) are handled.
 *
 * <p>Memory: ciphertext moves through the loop's {@link TlsScratch} buffers; a connection keeps
 * only {@link TlsLeftovers}, none while idle. A write counts as written once its bytes are
 * encrypted; the records wait there when the socket is full, and {@code flush} drains them
 * before the next write.
 *
 * <p>End of input: after the peer's close_notify, {@code read} returns -1. When the socket ends
 * without one (after the handshake), {@code read} also returns -1 but {@link #isTruncated()}
 * becomes true, so that the HTTP layer can tell a cut-off body from a finished one.
 */
final class TlsTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(TlsTransport.class);
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  enum State { HANDSHAKING, OPEN, CLOSED }

  private final EventLoop loop;
  /** What the ciphertext goes through: the socket, or an outer TLS transport (TLS in TLS). */
  private final Transport lower;
  /** Ciphertext buffers of this connection's own when it is nested; null over a socket. */
  private ByteBuffer ownNetIn;
  private ByteBuffer ownNetOut;
  private final SSLEngine engine;
  private final TlsTasks tasks;
  private final Runnable onHandshakeFinished;
  private final long startNanos;
  private State state = State.HANDSHAKING;
  /** Re-drives the stream; set once by {@link #attach}. */
  private Runnable pump = () -> { };
  private boolean pumpQueued;
  private final TlsLeftovers leftovers;
  private final TlsReadSide reader;
  /** The one source of each application-data wrap, as in {@link TlsReadSide}'s unwraps. */
  private final ByteBuffer[] sources = new ByteBuffer[1];
  private boolean tls13;
  private TlsInfo info;
  /**
   * The handshake finished and {@link #onHandshakeFinished} has not run yet: reads wait until it
   * has, so that a record after the handshake (a TLS 1.3 server's alert refusing the client's
   * certificate, say) reaches the stream's user, not the handshake. Loop-confined.
   */
  private boolean finishPending;

  TlsTransport(EventLoop loop, Transport lower, SSLEngine engine, Executor taskExecutor,
      Runnable onHandshakeFinished) {
    this.loop = loop;
    this.lower = lower;
    this.engine = engine;
    this.onHandshakeFinished = onHandshakeFinished;
    this.leftovers = new TlsLeftovers(lower);
    this.reader = new TlsReadSide(this, lower, engine, leftovers);
    this.tasks = new TlsTasks(loop, engine, taskExecutor, this::onTasksDone);
    this.startNanos = loop.nanoTime();
  }

  @Override
  public SocketChannel channel() {
    return lower.channel();
  }

  @Override
  public void attach(Runnable pump) {
    this.pump = pump;
    lower.attach(pump);
  }

  /**
   * The buffer for ciphertext read, cleared: the loop's shared one over a socket; over an outer
   * TLS transport, which uses the shared one itself while this one reads, a buffer of its own.
   */
  ByteBuffer netIn() {
    if (!isNested()) {
      return TlsScratch.netIn();
    }
    if (ownNetIn == null) {
      ownNetIn = ByteBuffer.allocate(TlsScratch.SIZE_BYTES);
    }
    return ownNetIn.clear();
  }

  /** The buffer for ciphertext to write, cleared; see {@link #netIn()}. */
  private ByteBuffer netOut() {
    if (!isNested()) {
      return TlsScratch.netOut();
    }
    if (ownNetOut == null) {
      ownNetOut = ByteBuffer.allocate(TlsScratch.SIZE_BYTES);
    }
    return ownNetOut.clear();
  }

  private boolean isNested() {
    return !(lower instanceof SocketTransport);
  }

  /** What the handshake negotiated, or null before it finished. */
  @Override
  public TlsInfo tlsInfo() {
    return info;
  }

  @Override
  public boolean isTruncated() {
    return reader.isTruncated();
  }

  /**
   * After the peer's close_notify, TLS 1.2 engines answer with their own and close for writing;
   * TLS 1.3 ones keep writing (RFC 8446 §6.1). A FIN without close_notify leaves the engine open.
   */
  @Override
  public boolean isWritableAfterInputEnd() {
    return state == State.OPEN && !engine.isOutboundDone() && (tls13 || !engine.isInboundDone());
  }

  boolean isHandshaking() {
    return state == State.HANDSHAKING;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (state == State.CLOSED) {
      return -1;
    }
    if (finishPending) {
      return 0;
    }
    tasks.throwIfFailed();
    try {
      return reader.read(dst);
    } catch (SSLException e) {
      throw failure(e);
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (state != State.OPEN || tasks.isRunning() || !leftovers.drainOut()) {
      return 0;
    }
    tasks.throwIfFailed();
    ByteBuffer out = netOut();
    int consumed = 0;
    sources[0] = src;
    try {
      int packetBytes = engine.getSession().getPacketBufferSize();
      while (src.hasRemaining() && out.remaining() >= packetBytes) {
        if (!wrapOrDelegate()) {
          break;
        }
        SSLEngineResult result = engine.wrap(sources, 0, 1, out);
        afterResult(result);
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
          throw new SSLException("the TLS session is closed for writing");
        }
        consumed += result.bytesConsumed();
        if (result.getStatus() != SSLEngineResult.Status.OK) {
          break;
        }
      }
    } catch (SSLException e) {
      throw failure(e);
    } finally {
      sources[0] = null;
    }
    leftovers.send(out.flip());
    return consumed;
  }

  @Override
  public boolean flush() throws IOException {
    if (state == State.CLOSED) {
      return true;
    }
    tasks.throwIfFailed();
    if (!lower.flush()) {
      return false;
    }
    if (!leftovers.drainOut()) {
      return false;
    }
    try {
      wrapOrDelegate();
    } catch (SSLException e) {
      throw failure(e);
    }
    return !leftovers.hasOut();
  }

  /**
   * Runs the handshake steps that need no input from the peer: wraps what the engine wants to
   * send and starts delegated tasks. True when the engine may unwrap or write application data
   * now; false while a task runs or the socket holds up a handshake record.
   */
  boolean wrapOrDelegate() throws IOException {
    while (true) {
      if (tasks.isRunning()) {
        return false;
      }
      HandshakeStatus status = engine.getHandshakeStatus();
      if (status == NEED_TASK) {
        refuseRenegotiation();
        tasks.start();
        return false;
      } else if (status == NEED_WRAP) {
        refuseRenegotiation();
        if (!wrapHandshake()) {
          return false;
        }
      } else {
        if (state == State.HANDSHAKING && status == NOT_HANDSHAKING) {
          finishHandshake();
        }
        return true;
      }
    }
  }

  /** Wraps handshake records while the engine asks for it and sends them; false when held up. */
  private boolean wrapHandshake() throws IOException {
    if (!leftovers.drainOut()) {
      return false;
    }
    ByteBuffer out = netOut();
    while (engine.getHandshakeStatus() == NEED_WRAP) {
      SSLEngineResult result = engine.wrap(EMPTY, out);
      afterResult(result);
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && out.position() == 0) {
        throw new SSLException("a handshake record does not fit " + out.capacity() + " bytes");
      }
      if (result.getStatus() != SSLEngineResult.Status.OK) {
        break;
      }
    }
    leftovers.send(out.flip());
    return !leftovers.hasOut();
  }

  /** Any handshake after the first in a TLS 1.2 session is a renegotiation: refused. */
  private void refuseRenegotiation() throws TlsHandshakeException {
    if (state == State.OPEN && !tls13 && !engine.isInboundDone() && !engine.isOutboundDone()) {
      throw new TlsHandshakeException(TlsFailure.RENEGOTIATION,
          "the TLS peer asked to renegotiate; Gust refuses renegotiation", null);
    }
  }

  /** Marks the handshake finished when {@code result}, from a wrap or unwrap, says it is. */
  void afterResult(SSLEngineResult result) {
    if (result.getHandshakeStatus() == FINISHED && state == State.HANDSHAKING) {
      finishHandshake();
    }
  }

  private void finishHandshake() {
    state = State.OPEN;
    tls13 = "TLSv1.3".equals(engine.getSession().getProtocol());
    info = TlsInfo.of(engine, Duration.ofNanos(loop.nanoTime() - startNanos));
    log.debug("TLS handshake on {} finished: {}", lower.channel(), info);
    finishPending = true;
    runLater(this::announceFinished);
  }

  /** Tells the handshake's owner, then re-drives the stream: reading, and read interest, resume. */
  private void announceFinished() {
    finishPending = false;
    onHandshakeFinished.run();
    onTasksDone();
  }

  /** A handshake failure becomes typed; later failures stay the JDK's. */
  private IOException failure(SSLException e) {
    return state == State.HANDSHAKING || e instanceof SSLHandshakeException
        ? TlsFailures.toHandshakeException(e) : e;
  }

  private void onTasksDone() {
    if (state != State.CLOSED) {
      pump.run();
    }
  }

  /**
   * Narrows the stream's interest while the handshake runs (only what the engine waits for, and
   * nothing at all during a delegated task) and adds write interest while records are held.
   * When the stream wants to read and the transport already holds input, it pumps the stream
   * from the loop, since the socket may never become readable again.
   */
  @Override
  public int interestOps(int streamOps) {
    return lower.interestOps(ownInterestOps(streamOps));
  }

  private int ownInterestOps(int streamOps) {
    if (state == State.CLOSED) {
      return streamOps;
    }
    int ops = leftovers.hasOut() ? SelectionKey.OP_WRITE : 0;
    if (tasks.isRunning()) {
      return ops;
    }
    if (state == State.HANDSHAKING) {
      return engine.getHandshakeStatus() == NEED_UNWRAP ? ops | SelectionKey.OP_READ : ops;
    }
    if (finishPending) {
      return ops | (streamOps & ~SelectionKey.OP_READ);
    }
    if ((streamOps & SelectionKey.OP_READ) != 0 && reader.hasWaitingInput()) {
      schedulePump();
    }
    return ops | streamOps;
  }

  private void schedulePump() {
    if (!pumpQueued) {
      pumpQueued = true;
      runLater(() -> {
        pumpQueued = false;
        onTasksDone();
      });
    }
  }

  private void runLater(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("loop closed; dropping a TLS continuation");
    }
  }

  /**
   * Sends close_notify (after any held records) if the socket takes it at once, then closes the
   * socket. While a delegated task runs the engine is busy, so the socket just closes.
   */
  @Override
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    try {
      if (!tasks.isRunning()) {
        engine.closeOutbound();
        ByteBuffer out = netOut();
        while (!engine.isOutboundDone()) {
          SSLEngineResult result = engine.wrap(EMPTY, out);
          if (result.bytesProduced() == 0) {
            break;
          }
        }
        leftovers.send(out.flip());
      }
    } catch (IOException | RuntimeException e) {
      log.debug("sending close_notify to {} failed: {}", lower.channel(), e.toString());
    } finally {
      leftovers.clear();
      lower.close();
    }
  }
}

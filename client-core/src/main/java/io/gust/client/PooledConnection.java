package io.gust.client;

import io.gust.http.ResponseHeadParser;
import io.gust.loop.Cancellable;
import io.gust.net.ChannelStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket of the pool, from connecting to closed. Counts against its loop's and host's
 * connection limits from the moment it is created until {@link #close()}. Loop-confined.
 *
 * <p>States: CONNECTING → BUSY (connected, carrying an exchange) ⇄ IDLE (in its host's idle
 * deque) → CLOSED; any state → CLOSED. The idle timer is lazy: it is armed when the connection
 * first goes idle and, when it fires, closes the connection if it has been idle for the whole
 * timeout, or re-arms itself for the remainder; going busy and idle again costs no timer work.
 */
final class PooledConnection {
  private static final Logger log = LoggerFactory.getLogger(PooledConnection.class);

  enum State { CONNECTING, BUSY, IDLE, CLOSED }

  /** The partition whose slot this connection holds, its loop and settings. */
  private final ClientContext context;
  final HostPool host;
  final long openedNanos;
  /**
   * Parses every response head on this connection; made when the first response byte arrives
   * (a request held open keeps no parser state), null again once {@link #detach() detached}.
   */
  private ResponseHeadParser headParser;
  private ChannelStream stream;
  private State state = State.CONNECTING;
  private long idleSinceNanos;
  /** The armed idle timer, or null. */
  private Cancellable idleTimer;
  /** The lookup, connect or handshake in progress, cancelled to abort it; null once connected. */
  private CompletableFuture<?> connecting;
  /** The HTTP/2 connection this socket carries; null over HTTP/1.1. */
  private Http2ClientConnection multiplexed;
  /** Counted in its host's probing connections until it knows its protocol. */
  private boolean probing;

  PooledConnection(LoopClient client, HostPool host) {
    this.context = client.context;
    this.host = host;
    this.openedNanos = context.loop.nanoTime();
  }

  /** The parser of this connection's response heads, made on first use. */
  ResponseHeadParser headParser() {
    if (headParser == null) {
      headParser = new ResponseHeadParser(context.limits());
    }
    return headParser;
  }

  /** Whether this connection is open and was taken from the idle deque (not being opened). */
  boolean isReused() {
    return state == State.BUSY;
  }

  /** The HTTP/2 connection carrying many exchanges at once; null for HTTP/1.1. */
  Http2ClientConnection multiplexed() {
    return multiplexed;
  }

  /** Streams in flight over HTTP/2; 0 over HTTP/1.1. */
  int activeStreams() {
    return multiplexed == null ? 0 : multiplexed.activeStreams();
  }

  /** This new connection may turn out to speak HTTP/2: its origin's fetches wait to know. */
  void probe() {
    probing = true;
    host.probing(1);
  }

  private void probed() {
    if (probing) {
      probing = false;
      host.probing(-1);
      context.loop.execute(context.partition::dispatch);
    }
  }

  /** The connected stream; null while connecting. */
  ChannelStream stream() {
    return stream;
  }

  /** The step of opening this connection now in progress, cancelled if it closes first. */
  void opening(CompletableFuture<?> step) {
    connecting = step;
  }

  void connected(ChannelStream connectedStream) {
    connecting = null;
    stream = connectedStream;
    state = State.BUSY;
    stream.addCloseListener(this::streamClosed);
    if (host.origin.versions.speaksHttp2(host.origin, connectedStream)) {
      multiplexed = new Http2ClientConnection(context, this, connectedStream);
      host.multiplexedOpened(this);
      multiplexed.start(context.config.connectTimeout);
    } else if (probing) {
      host.choseHttp1();
    }
    probed();
  }

  /** Takes this idle connection for an exchange if it is still healthy; closes it otherwise. */
  boolean reuse() {
    if (state == State.IDLE && stream.isHealthy()) {
      state = State.BUSY;
      return true;
    }
    close();
    return false;
  }

  /**
   * Ends this connection's exchange: back to the idle deque when {@code reusable} (and the pool
   * is open), closed otherwise. Either way the loop's queue gets a chance to run.
   */
  void release(boolean reusable) {
    if (state != State.BUSY) {
      return;
    }
    if (reusable && !context.partition.isClosed() && stream.isOpen() && stream.bufferedBytes() == 0) {
      state = State.IDLE;
      idleSinceNanos = context.loop.nanoTime();
      host.idled(this);
      if (idleTimer == null) {
        idleTimer = context.loop.schedule(context.config.idleTimeout, this::idleTimerFired);
      }
      context.partition.dispatch();
    } else {
      close();
    }
  }

  /** Closes the socket and frees the slot; idempotent. */
  void close() {
    if (state == State.CLOSED) {
      return;
    }
    State was = state;
    state = State.CLOSED;
    if (was == State.IDLE) {
      host.leftIdle(this);
    }
    if (multiplexed != null) {
      host.multiplexedClosed(this);
      multiplexed.close();
    }
    probed();
    if (idleTimer != null) {
      idleTimer.cancel();
      idleTimer = null;
    }
    if (connecting != null) {
      connecting.cancel(false);
      connecting = null;
    }
    if (stream != null) {
      stream.close();
    }
    context.partition.connectionClosed(this);
  }

  /**
   * Hands this busy connection's socket to the protocol that took it over after a 101 answer (a
   * WebSocket): the slot is freed and the pool forgets it, but the socket stays open.
   */
  ChannelStream detach() {
    if (state != State.BUSY) {
      return null;
    }
    state = State.CLOSED;
    headParser = null; // the stream's close listener keeps this object as long as the socket lives
    context.partition.connectionClosed(this);
    return stream;
  }

  /** The idle timer fired. */
  private void idleTimerFired() {
    idleTimer = null;
    if (state != State.IDLE) {
      return;
    }
    long timeoutNanos = context.config.idleTimeout.toNanos();
    long idleNanos = context.loop.nanoTime() - idleSinceNanos;
    if (idleNanos >= timeoutNanos) {
      log.debug("closing {} idle for {} ms", stream, idleNanos / 1_000_000);
      close();
    } else {
      idleTimer = context.loop.schedule(
          Duration.ofNanos(timeoutNanos - idleNanos), this::idleTimerFired);
    }
  }

  /** The stream closed; while idle that frees the slot, while busy the exchange hears it too. */
  private void streamClosed(Throwable cause) {
    if (state == State.IDLE) {
      log.debug("idle connection closed by peer: {}", stream);
      close();
    }
  }
}

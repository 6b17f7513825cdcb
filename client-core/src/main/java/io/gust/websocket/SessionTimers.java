package io.gust.websocket;

import io.gust.loop.Cancellable;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * The timers of a {@link WebSocketEndpoint}, on the loop's clock: keepalive pings, each of which
 * must be answered before the next is due; the idle timeout, lazily re-armed like the client's
 * read timer, which fails an endpoint that heard nothing from its peer for the whole timeout;
 * and the close timeout, after which the connection closes whether or not the peer answered the
 * close frame. All are cancelled when the connection closes. Pings go out even while reads are
 * paused (and past a full send queue), but a pong is only missed when reads were not paused, as
 * one could not be read otherwise. Loop-confined.
 */
final class SessionTimers {
  private final WebSocketEndpoint<?> endpoint;
  /** Zero for no pings. */
  private final Duration pingInterval;
  private final long idleTimeoutNanos;
  private Cancellable pingTimer;
  private Cancellable idleTimer;
  private Cancellable closeTimer;
  private long lastReadNanos;
  private boolean awaitingPong;
  private boolean stopped;

  SessionTimers(WebSocketEndpoint<?> endpoint) {
    this.endpoint = endpoint;
    this.pingInterval = endpoint.settings.pingInterval();
    this.idleTimeoutNanos = endpoint.settings.idleTimeout().toNanos();
  }

  /** Starts the keepalive pings and the idle timeout, if any. */
  void start() {
    lastReadNanos = endpoint.loop.nanoTime();
    if (!pingInterval.isZero()) {
      pingTimer = schedule(pingInterval.toNanos(), this::pingDue);
    }
    if (idleTimeoutNanos > 0) {
      idleTimer = schedule(idleTimeoutNanos, this::idleDue);
    }
  }

  private void pingDue() {
    pingTimer = null;
    if (stopped || endpoint.state != WebSocketEndpoint.State.OPEN) {
      return;
    }
    if (awaitingPong && !endpoint.isReadingPaused()) {
      endpoint.keepaliveExpired();
      return;
    }
    endpoint.keepalivePing();
    awaitingPong = true;
    pingTimer = schedule(pingInterval.toNanos(), this::pingDue);
  }

  /** A pong arrived. */
  void ponged() {
    awaitingPong = false;
  }

  /** Bytes arrived at {@code nowNanos}. */
  void readAt(long nowNanos) {
    lastReadNanos = nowNanos;
  }

  private void idleDue() {
    idleTimer = null;
    if (stopped || endpoint.state != WebSocketEndpoint.State.OPEN) {
      return;
    }
    long silentNanos = endpoint.loop.nanoTime() - lastReadNanos;
    if (silentNanos >= idleTimeoutNanos) {
      endpoint.idleExpired();
    } else {
      idleTimer = schedule(idleTimeoutNanos - silentNanos, this::idleDue);
    }
  }

  /** Closes the connection after {@code timeout} unless it closed before; armed once. */
  void armCloseTimeout(Duration timeout) {
    if (closeTimer == null && !stopped) {
      closeTimer = schedule(timeout.toNanos(), () -> {
        closeTimer = null;
        endpoint.stream.close();
      });
    }
  }

  /** No more pings nor idle checks. */
  void stopPings() {
    pingTimer = cancel(pingTimer);
    idleTimer = cancel(idleTimer);
  }

  /** The connection closed: cancels everything for good. */
  void stopAll() {
    stopped = true;
    stopPings();
    closeTimer = cancel(closeTimer);
  }

  private static Cancellable cancel(Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
    return null;
  }

  private Cancellable schedule(long delayNanos, Runnable task) {
    try {
      return endpoint.loop.scheduleNanos(delayNanos, task);
    } catch (RejectedExecutionException e) {
      endpoint.stream.close(); // the loop is closing: so is the connection
      return null;
    }
  }
}

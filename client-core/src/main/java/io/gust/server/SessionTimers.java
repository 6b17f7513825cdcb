package io.gust.server;

import io.gust.loop.Cancellable;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import okio.ByteString;

/**
 * The timers of a {@link ServerWebSocketSession}: keepalive pings, each of which must be answered
 * before the next is due, and the close timeout, after which the connection closes whether or not
 * the peer answered the close frame. Both are cancelled when the connection closes. While the
 * handler is not receiving (reads paused) no ping is sent or checked: a pong could not be read.
 * Loop-confined.
 */
final class SessionTimers {
  private final ServerWebSocketSession session;
  /** Zero for no pings. */
  private final Duration pingInterval;
  private Cancellable pingTimer;
  private Cancellable closeTimer;
  private boolean awaitingPong;
  private boolean stopped;

  SessionTimers(ServerWebSocketSession session, Duration pingInterval) {
    this.session = session;
    this.pingInterval = pingInterval;
  }

  /** Starts the keepalive pings, if any. */
  void start() {
    if (!pingInterval.isZero()) {
      pingTimer = schedule(pingInterval, this::pingDue);
    }
  }

  private void pingDue() {
    pingTimer = null;
    if (stopped || session.state != ServerWebSocketSession.State.OPEN) {
      return;
    }
    if (!session.isReadingPaused()) {
      if (awaitingPong) {
        session.keepaliveExpired();
        return;
      }
      awaitingPong = !session.ping(ByteString.EMPTY).isCompletedExceptionally();
    }
    pingTimer = schedule(pingInterval, this::pingDue);
  }

  /** A pong arrived. */
  void ponged() {
    awaitingPong = false;
  }

  /** Closes the connection after {@code timeout} unless it closed before; armed once. */
  void armCloseTimeout(Duration timeout) {
    if (closeTimer == null && !stopped) {
      closeTimer = schedule(timeout, () -> {
        closeTimer = null;
        session.stream.close();
      });
    }
  }

  /** No more pings. */
  void stopPings() {
    if (pingTimer != null) {
      pingTimer.cancel();
      pingTimer = null;
    }
  }

  /** The connection closed: cancels everything for good. */
  void stopAll() {
    stopped = true;
    stopPings();
    if (closeTimer != null) {
      closeTimer.cancel();
      closeTimer = null;
    }
  }

  private Cancellable schedule(Duration delay, Runnable task) {
    try {
      return session.loop.schedule(delay, task);
    } catch (RejectedExecutionException e) {
      session.stream.close(); // the loop is closing: so is the connection
      return null;
    }
  }
}

package io.gust.client;

import io.gust.http2.ErrorCode;
import io.gust.http2.Http2Exception;
import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers that tell whether an {@link Http2ClientConnection} is alive: the deadline for the
 * server's acknowledgement of the client's SETTINGS, the PING sent before a new stream after a
 * long silence or at once when a stream times out, and the deadline for its answer, and the lazy idle timer that closes a connection
 * without streams. Each failure goes to the connection's one failure path. Loop-confined.
 */
final class Http2Liveness {
  private static final Logger log = LoggerFactory.getLogger(Http2Liveness.class);

  /** Silence after which a new stream is preceded by a PING. */
  static final Duration PING_AFTER_IDLE = Duration.ofSeconds(30);
  /** How long a PING's answer may take before the connection is declared dead. */
  static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
  /** The opaque data of the client's PINGs. */
  static final long PING_DATA = 0x6775737450494e47L;

  private final Http2ClientConnection connection;
  private final EventLoop loop;
  private final Duration idleTimeout;
  private long lastReadNanos;
  private long idleSinceNanos;
  private Cancellable settingsAckDeadline;
  private Cancellable pingDeadline;
  /** Armed while the connection has no stream; null when not armed. */
  private Cancellable idleTimer;

  Http2Liveness(Http2ClientConnection connection, EventLoop loop, Duration idleTimeout) {
    this.connection = connection;
    this.loop = loop;
    this.idleTimeout = idleTimeout;
    this.lastReadNanos = loop.nanoTime();
  }

  /** The client's SETTINGS went out: the server must acknowledge them within {@code timeout}. */
  void settingsSent(Duration timeout) {
    if (Timeouts.isUnlimited(timeout)) {
      return;
    }
    settingsAckDeadline = loop.schedule(timeout, () -> {
      settingsAckDeadline = null;
      connection.fail(Http2Exception.connection(ErrorCode.SETTINGS_TIMEOUT,
          "the server did not acknowledge the client's SETTINGS within " + timeout));
    });
  }

  void settingsAcknowledged() {
    settingsAckDeadline = cancel(settingsAckDeadline);
  }

  void bytesRead() {
    lastReadNanos = loop.nanoTime();
  }

  /** Whether a PING should precede the next stream; arms its answer's deadline if so. */
  boolean pingBeforeStream() {
    if (loop.nanoTime() - lastReadNanos < PING_AFTER_IDLE.toNanos()) {
      return false;
    }
    return ping();
  }

  /**
   * Whether a PING should go out now, because a stream timed out and the connection may be dead;
   * arms its answer's deadline if so. False while an earlier PING awaits its answer.
   */
  boolean ping() {
    if (pingDeadline != null) {
      return false;
    }
    pingDeadline = loop.schedule(PING_TIMEOUT, () -> {
      pingDeadline = null;
      connection.fail(Http2Exception.connection(ErrorCode.NO_ERROR,
          "no answer to PING within " + PING_TIMEOUT));
    });
    return true;
  }

  void pingAnswered(long opaqueData) {
    if (opaqueData == PING_DATA) {
      pingDeadline = cancel(pingDeadline);
    }
  }

  /** The last stream ended: the connection closes once idle for the whole idle timeout. */
  void idle() {
    idleSinceNanos = loop.nanoTime();
    if (idleTimer == null) {
      idleTimer = loop.schedule(idleTimeout, this::idleTimerFired);
    }
  }

  private void idleTimerFired() {
    idleTimer = null;
    if (connection.activeStreams() > 0 || !connection.isOpen()) {
      return;
    }
    long idleNanos = loop.nanoTime() - idleSinceNanos;
    if (idleNanos >= idleTimeout.toNanos()) {
      log.debug("closing {} idle for {} ms", connection, idleNanos / 1_000_000);
      connection.close();
    } else {
      idleTimer = loop.schedule(Duration.ofNanos(idleTimeout.toNanos() - idleNanos),
          this::idleTimerFired);
    }
  }

  /** Cancels every timer; idempotent. */
  void stop() {
    settingsAckDeadline = cancel(settingsAckDeadline);
    pingDeadline = cancel(pingDeadline);
    idleTimer = cancel(idleTimer);
  }

  private static Cancellable cancel(Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
    return null;
  }
}

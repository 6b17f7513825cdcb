package io.gust.client;

import io.gust.loop.Cancellable;
import java.time.Duration;

/**
 * The idle read timeout of one {@link Exchange}, kept lazily: reads only record their time; when
 * the timer fires it fails the exchange if the connection has been silent for the whole timeout,
 * else re-arms for the remainder. Time spent paused by the body callback, or still writing the
 * request, does not count as silence. Loop-confined.
 */
final class ReadTimer implements Runnable {
  private final Exchange exchange;
  private final Duration timeout;
  private long lastReadNanos;
  private Cancellable timer;

  ReadTimer(Exchange exchange, Duration timeout) {
    this.exchange = exchange;
    this.timeout = timeout;
    this.lastReadNanos = exchange.context.loop.nanoTime();
    this.timer = exchange.context.loop.schedule(timeout, this);
  }

  @Override
  public void run() {
    if (timer == null || !exchange.isActive()) {
      return;
    }
    long now = exchange.context.loop.nanoTime();
    if (exchange.isReadingPaused() || exchange.isWriting()) {
      lastReadNanos = now;
    }
    long silentNanos = now - lastReadNanos;
    if (silentNanos >= timeout.toNanos()) {
      timer = null;
      exchange.fail(new FetchTimeoutException(exchange.request, exchange.phase(), timeout));
    } else {
      timer = exchange.context.loop.schedule(
          Duration.ofNanos(timeout.toNanos() - silentNanos), this);
    }
  }

  /** Bytes arrived at {@code nowNanos}: the silence starts again. */
  void readAt(long nowNanos) {
    lastReadNanos = nowNanos;
  }

  void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}

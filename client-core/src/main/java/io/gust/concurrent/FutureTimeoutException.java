package io.gust.concurrent;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The failure of {@link Futures#withTimeout} when its input did not finish in time. */
public final class FutureTimeoutException extends TimeoutException {
  private final Duration timeout;

  FutureTimeoutException(Duration timeout) {
    super("no result within " + timeout.toMillis() + " ms");
    this.timeout = timeout;
  }

  /** How long the input was given. */
  public Duration timeout() {
    return timeout;
  }
}

package io.gust.http2;

/**
 * A budget of frames that cost the receiver work but carry no request (RST_STREAM, PING,
 * SETTINGS, empty DATA frames), against the HTTP/2 floods of CVE-2019-9512/9515/9518 and the
 * rapid reset of CVE-2023-44487: a bucket of {@code burst} tokens that refills at {@code
 * perSecond} tokens a second on the caller's clock. A peer that empties it is to be sent GOAWAY
 * with ENHANCE_YOUR_CALM. Not thread-safe: owned by the connection's thread.
 */
public final class FrameBudget {
  private final int burst;
  private final int perSecond;
  private double tokens;
  private long lastNanos;

  public FrameBudget(int burst, int perSecond, long nowNanos) {
    if (burst < 1 || perSecond < 0) {
      throw new IllegalArgumentException("burst " + burst + ", perSecond " + perSecond);
    }
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Spends one token at {@code nowNanos}; false when none is left (the peer floods). */
  public boolean spend(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    lastNanos = nowNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * 1e-9 * perSecond);
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}

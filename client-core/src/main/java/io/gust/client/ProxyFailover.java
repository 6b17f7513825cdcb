package io.gust.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A fetch's way through a {@link java.net.ProxySelector}'s answers within one attempt: the answer
 * to go on through once the exchange whose proxy could not be reached has let its connection go,
 * when the connect deadline they share began, and the failures left behind for the final error.
 * Made only when a selector's proxy fails; loop-confined.
 */
final class ProxyFailover {
  /** When the first proxy's connect deadline began (loop nanos). */
  private final long startNanos;
  /** The answer to try next; null once taken, or when none is left. */
  private Proxy next;
  private final List<Throwable> failures = new ArrayList<>(2);

  ProxyFailover(long startNanos) {
    this.startNanos = startNanos;
  }

  long startNanos() {
    return startNanos;
  }

  /** The proxy tried last could not be reached; {@code next} is the answer after it. */
  void unreachable(Proxy next) {
    this.next = next;
  }

  /**
   * The exchange failed with {@code cause}: returns the answer to go on through (keeping the
   * cause for the final error), or null when there is none, having attached the earlier
   * failures to {@code cause} as suppressed.
   */
  Proxy onFailure(Throwable cause) {
    Proxy taken = next;
    next = null;
    if (taken != null) {
      failures.add(cause);
    } else {
      failures.forEach(cause::addSuppressed);
      failures.clear();
    }
    return taken;
  }
}

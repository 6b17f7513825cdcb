package io.gust.client;

import io.gust.http.Uris;
import java.time.Duration;

/**
 * A timeout expired: the connect timeout, the read (idle) timeout or the whole-request timeout.
 * The phase says what the exchange was doing when it fired (curl's exit 28). Not to be confused
 * with {@code java.net.http.FetchTimeoutException}, the JDK client's.
 */
public final class FetchTimeoutException extends HttpClientException {
  /** The timeout that expired. Never null. */
  private final Duration timeout;

  /** Creates a timeout for {@code request} (nullable) that fired after {@code timeout}. */
  public FetchTimeoutException(HttpRequest request, Phase phase, Duration timeout) {
    this(request, phase, timeout, null);
  }

  /** Like {@link #FetchTimeoutException(HttpRequest, Phase, Duration)}, keeping what timed out. */
  public FetchTimeoutException(HttpRequest request, Phase phase, Duration timeout,
      Throwable cause) {
    super(message(request, phase, timeout), request, phase, cause);
    this.timeout = timeout;
  }

  private static String message(HttpRequest request, Phase phase, Duration timeout) {
    String target = request == null ? "" : " for " + Uris.safe(request.uri());
    return "timed out after " + timeout.toMillis() + " ms during " + phase + target;
  }

  /** Returns the configured timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}

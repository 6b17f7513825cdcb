package io.gust.client;

/**
 * The retry budget for requests an HTTP/2 server did not process (REFUSED_STREAM, or streams
 * above a GOAWAY's last stream id): such a request is sent again, whatever its method, as long as
 * its body can be replayed, up to {@link #BUDGET} times per fetch, never endlessly.
 */
final class Http2Retries {
  /** Attempts after the first that a fetch may spend on unprocessed streams. */
  static final int BUDGET = 3;

  private Http2Retries() {}

  static boolean mayRetry(Throwable cause, int retryCount, HttpRequest request) {
    return Failures.unwrap(cause) instanceof Http2StreamException refused
        && refused.isUnprocessed() && retryCount < BUDGET
        && (request.body() == null || request.body().isReplayable());
  }
}

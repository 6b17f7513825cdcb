package io.gust.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows an attempt of a {@link Fetch} that did not simply end it: the redirect the fetch
 * follows, and whether a failed attempt is made again. Stateless: the fetch keeps its counts and
 * acts on the answer, on its loop.
 */
final class FollowUps {
  private static final Logger log = LoggerFactory.getLogger(Fetch.class);

  /** How a failed attempt goes on. */
  enum Retry {
    /** The failure ends the fetch. */
    NONE,
    /** The HTTP/2 server did not process the request: it goes out again. */
    UNPROCESSED,
    /** A reused connection failed before any response byte: once more, on a fresh one. */
    FRESH_CONNECTION
  }

  private FollowUps() {}

  /** Whether a response with this head to {@code request} is followed as a redirect. */
  static boolean willFollow(ClientConfig config, HttpRequest request, int code, Headers headers) {
    return config.followRedirects(request) && Redirects.isFollowable(request, code, headers);
  }

  /**
   * The request a followed redirect leads to, when the fetch has made {@code redirectCount}
   * already; a bad location, or one hop past the limit, is the failure that ends the fetch.
   */
  static HttpRequest redirect(ClientConfig config, HttpRequest request, HttpResponse response,
      int redirectCount) throws HttpClientException {
    HttpRequest next = Redirects.next(request, response);
    if (redirectCount >= config.maxRedirects(request)) {
      throw new TooManyRedirectsException(request, redirectCount + 1, response);
    }
    return next;
  }

  /**
   * Whether an attempt that failed with {@code cause} is made again, after {@code retryCount}
   * retries. A request that may be repeated and failed on a reused connection ({@code
   * retryable}) before any response byte gets one retry on a fresh one.
   */
  static Retry retry(Throwable cause, boolean retryable, int retryCount, HttpRequest request) {
    if (Http2Retries.mayRetry(cause, retryCount, request)) {
      log.debug("retrying {}, which the HTTP/2 server did not process", request);
      return Retry.UNPROCESSED;
    }
    if (retryable && retryCount == 0 && Redirects.isIdempotent(request.method())
        && (request.body() == null || request.body().isReplayable())) {
      log.debug("retrying {} on a fresh connection: {}", request, cause.toString());
      return Retry.FRESH_CONNECTION;
    }
    return Retry.NONE;
  }
}

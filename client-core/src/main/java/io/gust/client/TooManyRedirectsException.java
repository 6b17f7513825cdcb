package io.gust.client;

import io.gust.http.Uris;

/**
 * A redirect chain went past the allowed number of redirects (curl's exit 47); phase HEADERS.
 * {@link #response()} holds the redirect that was not followed, as Tornado returns it.
 */
public final class TooManyRedirectsException extends HttpClientException {
  private final int redirectCount;
  /** The last redirect response, body drained; null when not known. */
  private final transient HttpResponse response;

  /** Creates the error for {@code request} after {@code redirectCount} redirects. */
  public TooManyRedirectsException(HttpRequest request, int redirectCount) {
    this(request, redirectCount, null);
  }

  /**
   * Creates the error for {@code request}, whose answer was {@code response} (nullable), the
   * redirect that would have been the {@code redirectCount}th.
   */
  public TooManyRedirectsException(HttpRequest request, int redirectCount,
      HttpResponse response) {
    super("too many redirects: " + redirectCount
        + (request == null ? "" : " from " + Uris.safe(request.uri())), request, Phase.HEADERS, null);
    this.redirectCount = redirectCount;
    this.response = response;
  }

  /** Returns how many redirects were followed before giving up. */
  public int redirectCount() {
    return redirectCount;
  }

  /**
   * Returns the last redirect response, the one not followed: its status, headers (Location
   * among them) and, through {@link HttpResponse#previous()}, the hops before it. Its body is
   * empty, since a redirect's body is drained. Null when the error was made without one.
   */
  public HttpResponse response() {
    return response;
  }
}

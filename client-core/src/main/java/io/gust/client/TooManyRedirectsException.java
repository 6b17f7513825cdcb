package io.gust.client;

import io.gust.http.Uris;

/** A redirect chain went past the allowed number of redirects (curl's exit 47); phase HEADERS. */
public final class TooManyRedirectsException extends HttpClientException {
  private final int redirectCount;

  /** Creates the error for {@code request}, the original request, after {@code redirectCount} redirects. */
  public TooManyRedirectsException(HttpRequest request, int redirectCount) {
    super("too many redirects: " + redirectCount
        + (request == null ? "" : " from " + Uris.safe(request.uri())), request, Phase.HEADERS, null);
    this.redirectCount = redirectCount;
  }

  /** Returns how many redirects were followed before giving up. */
  public int redirectCount() {
    return redirectCount;
  }
}

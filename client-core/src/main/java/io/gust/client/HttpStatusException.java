package io.gust.client;

import io.gust.http.Uris;

/**
 * A response arrived whole but its status was 400 or more and the request asked to {@code
 * raiseError}. Phase {@link Phase#HEADERS}; {@link #response()} holds the response, body included.
 */
public final class HttpStatusException extends HttpClientException {
  /** The error response. Not serialized. */
  private final transient HttpResponse response;

  /** Creates the error for {@code response}, whose request it names. */
  public HttpStatusException(HttpResponse response) {
    super(message(response), response.request(), Phase.HEADERS, null);
    this.response = response;
  }

  private static String message(HttpResponse response) {
    String from = response.effectiveUri() == null ? "" : " from " + Uris.safe(response.effectiveUri());
    return "HTTP " + response.code() + " " + response.reason() + from;
  }

  /** Returns the response that carried the error status. */
  public HttpResponse response() {
    return response;
  }
}

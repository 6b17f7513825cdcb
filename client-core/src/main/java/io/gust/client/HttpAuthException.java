package io.gust.client;

import io.gust.http.Uris;

/**
 * Authentication could not be completed: the {@link Authenticator} failed (threw, or its stage
 * completed exceptionally; the cause says why) or the server kept challenging after {@link
 * #MAX_ATTEMPTS} answers. Phase {@link Phase#HEADERS}: the fetch had received a 401 or 407 head.
 * {@link #response()} holds that challenge, body included.
 *
 * <p>An authenticator that gives up (answers null) is not a failure: the application receives
 * the 401 or 407 response.
 */
public final class HttpAuthException extends HttpClientException {
  /** How many answered challenges one request may get before the fetch fails. */
  public static final int MAX_ATTEMPTS = 5;

  /** Why authentication stopped. */
  public enum Kind {
    /** The authenticator threw, returned no stage, or its stage failed; see the cause. */
    AUTHENTICATOR_FAILED,
    /** The server challenged again after {@link #MAX_ATTEMPTS} answered attempts. */
    TOO_MANY_ATTEMPTS
  }

  private final Kind kind;
  /** The 401 or 407 being answered. Not serialized. */
  private final transient HttpResponse response;

  HttpAuthException(Kind kind, HttpResponse response, Throwable cause) {
    super(message(kind, response), response.request(), Phase.HEADERS, cause);
    this.kind = kind;
    this.response = response;
  }

  private static String message(Kind kind, HttpResponse response) {
    String who = response.code() == 407 ? "proxy authenticator" : "authenticator";
    String from = " answering " + response.code() + " from "
        + Uris.safe(response.request().uri());
    return kind == Kind.TOO_MANY_ATTEMPTS
        ? "still challenged after " + MAX_ATTEMPTS + " attempts of the " + who + from
        : "the " + who + " failed" + from;
  }

  /** Returns why authentication stopped. */
  public Kind kind() {
    return kind;
  }

  /** Whether the challenge came from a proxy (407) rather than the origin (401). */
  public boolean isProxy() {
    return response.code() == 407;
  }

  /** Returns the 401 or 407 response that was being answered. */
  public HttpResponse response() {
    return response;
  }
}

package io.gust.client;

/**
 * The input ended before the body did: before the announced Content-Length, before the last
 * chunk, or in the middle of a compressed stream (curl's exit 18). Its phase is {@link
 * Phase#BODY}.
 */
public final class TruncatedBodyException extends HttpProtocolException {
  /** Creates a codec error. */
  public TruncatedBodyException(String message) {
    super(Kind.TRUNCATED_BODY, message, Phase.BODY);
  }

  /** Creates an error for {@code request} (nullable) keeping {@code cause} (nullable). */
  public TruncatedBodyException(String message, HttpRequest request, Throwable cause) {
    super(Kind.TRUNCATED_BODY, message, request, Phase.BODY, cause);
  }
}

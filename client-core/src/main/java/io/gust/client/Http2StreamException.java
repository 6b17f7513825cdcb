package io.gust.client;

/**
 * An HTTP/2 stream ended without a whole response: the server reset it (RST_STREAM), the
 * connection went away (GOAWAY, or closed) while it was open, or the server broke the protocol
 * on it. {@link #errorCode()} is the RFC 9113 §7 code; {@link #isUnprocessed()} says the server
 * guarantees it did not act on the request (REFUSED_STREAM, or a stream above GOAWAY's last
 * stream id), so that sending it again is safe whatever its method.
 *
 * <p>Gust retries unprocessed streams by itself within a small budget; an application sees this
 * only when the budget ran out or the stream failed after the server started on it.
 */
public final class Http2StreamException extends HttpClientException {
  private final int errorCode;
  private final String errorName;
  private final boolean unprocessed;

  /** Creates the error for {@code request} in {@code phase}, with the code's value and name. */
  public Http2StreamException(String message, HttpRequest request, Phase phase, int errorCode,
      String errorName, boolean unprocessed, Throwable cause) {
    super(message + (request == null ? "" : " for " + safeUri(request.uri())), request, phase,
        cause);
    this.errorCode = errorCode;
    this.errorName = errorName;
    this.unprocessed = unprocessed;
  }

  /** Returns the RFC 9113 error code, such as 0x7 for REFUSED_STREAM. */
  public int errorCode() {
    return errorCode;
  }

  /** Returns the error code's name, such as {@code REFUSED_STREAM}. */
  public String errorName() {
    return errorName;
  }

  /** Whether the server did not process the request, so that repeating it is safe. */
  public boolean isUnprocessed() {
    return unprocessed;
  }
}

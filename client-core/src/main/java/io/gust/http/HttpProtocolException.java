package io.gust.http;

/**
 * A message that breaks HTTP/1.1: a malformed status line, request line, header field or body
 * framing. Its phase is {@link Phase#HEADERS} or {@link Phase#BODY}. The connection it came from
 * must not be reused.
 *
 * <p>When the codec raised it while parsing a request, {@link #suggestedStatus()} says how a
 * server should answer (400 unless a more precise status applies).
 */
public class HttpProtocolException extends HttpClientException {
  private final int suggestedStatus;

  /** Creates a codec error answered with 400 Bad Request. */
  public HttpProtocolException(String message, Phase phase) {
    this(message, phase, 400);
  }

  /** Creates a codec error that a server answers with {@code suggestedStatus}. */
  public HttpProtocolException(String message, Phase phase, int suggestedStatus) {
    this(message, null, phase, suggestedStatus, null);
  }

  /** Creates an error for {@code request} (nullable) keeping {@code cause} (nullable). */
  public HttpProtocolException(String message, HttpRequest request, Phase phase, Throwable cause) {
    this(message, request, phase, 400, cause);
  }

  HttpProtocolException(
      String message, HttpRequest request, Phase phase, int suggestedStatus, Throwable cause) {
    super(message, request, checkPhase(phase), cause);
    this.suggestedStatus = suggestedStatus;
  }

  private static Phase checkPhase(Phase phase) {
    if (phase != Phase.HEADERS && phase != Phase.BODY) {
      throw new IllegalArgumentException("protocol errors happen in HEADERS or BODY, not " + phase);
    }
    return phase;
  }

  /** Returns the status a server should answer a request that failed to parse with. */
  public int suggestedStatus() {
    return suggestedStatus;
  }
}

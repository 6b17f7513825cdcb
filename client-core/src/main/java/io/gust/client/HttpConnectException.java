package io.gust.client;

/**
 * Could not reach the server: the host did not resolve ({@link Phase#DNS}, curl's exit 6), the
 * TCP connection failed ({@link Phase#CONNECT}, exit 7) or the TLS handshake failed ({@link
 * Phase#TLS}). The underlying error is the cause.
 */
public class HttpConnectException extends HttpClientException {
  /** Creates the error; {@code phase} is DNS, CONNECT or TLS. */
  public HttpConnectException(String message, HttpRequest request, Phase phase, Throwable cause) {
    super(message, request, checkPhase(phase), cause);
  }

  private static Phase checkPhase(Phase phase) {
    if (phase != Phase.DNS && phase != Phase.CONNECT && phase != Phase.TLS) {
      throw new IllegalArgumentException("connect errors happen in DNS, CONNECT or TLS, not " + phase);
    }
    return phase;
  }
}

package io.gust.client;

/**
 * Could not reach the server: the host did not resolve ({@link Phase#DNS}, curl's exit 6), the
 * TCP connection failed ({@link Phase#CONNECT}, exit 7) or the TLS handshake failed ({@link
 * Phase#TLS}, always as its subtype {@link HttpTlsException}). The underlying error is the cause.
 * A connect, handshake or whole-request timeout in these phases is a {@link
 * FetchTimeoutException} instead. When a proxy is in the way and it, rather than the origin,
 * failed, the error is a {@link ProxyException}.
 */
public sealed class HttpConnectException extends HttpClientException permits HttpTlsException,
    LocalBindException, ProxyException {
  /** Creates the error; {@code phase} is DNS or CONNECT (TLS failures are HttpTlsExceptions). */
  public HttpConnectException(String message, HttpRequest request, Phase phase, Throwable cause) {
    super(message, request, checkPhase(phase), cause);
  }

  HttpConnectException(String message, HttpRequest request, Throwable cause) {
    super(message, request, Phase.TLS, cause);
  }

  /** For {@link ProxyException}: any phase up to {@link Phase#PROXY}. */
  HttpConnectException(String message, HttpRequest request, Phase phase, Throwable cause,
      boolean proxy) {
    super(message, request, phase, cause);
  }

  private static Phase checkPhase(Phase phase) {
    if (phase != Phase.DNS && phase != Phase.CONNECT) {
      throw new IllegalArgumentException(
          "connect errors happen in DNS or CONNECT (TLS: HttpTlsException), not " + phase);
    }
    return phase;
  }
}

package io.gust.client;

/**
 * The TLS handshake failed: the server's certificate was refused (untrusted issuer, expired,
 * wrong host name), the two sides share no protocol or cipher suite, or the peer broke off. Its
 * phase is {@link Phase#TLS}. The cause is the TLS layer's handshake exception, which says which
 * of these it was; curl reports a certificate problem as exit 60 and the others as exit 35.
 * A handshake that takes too long is a {@link FetchTimeoutException} instead.
 */
public final class HttpTlsException extends HttpConnectException {
  /** Creates the error for {@code request} (nullable) with the handshake's failure as cause. */
  public HttpTlsException(String message, HttpRequest request, Throwable cause) {
    super(message, request, cause);
  }
}

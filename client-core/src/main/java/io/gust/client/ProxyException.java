package io.gust.client;

/**
 * The proxy in the way, rather than the origin, failed: its name did not resolve ({@link
 * Phase#DNS}, curl's exit 5), it refused the connection ({@link Phase#CONNECT}, exit 7), or the
 * proxy step itself failed ({@link Phase#PROXY}): TLS to an HTTPS proxy, a {@code CONNECT} the
 * proxy refused with a status (exit 56, {@link #statusCode()}), an answer that is not HTTP, a
 * tunnel dropped before it opened, or a SOCKS handshake (exit 97). A proxy that never answers is a
 * {@link FetchTimeoutException} in one of those phases instead.
 */
public final class ProxyException extends HttpConnectException {
  private final transient Proxy proxy;
  private final int statusCode;

  /**
   * Creates the error; {@code statusCode} is the status of a refused {@code CONNECT}, or 0.
   * {@code phase} is DNS, CONNECT or PROXY.
   */
  public ProxyException(String message, HttpRequest request, Phase phase, Proxy proxy,
      int statusCode, Throwable cause) {
    super(message, request, checkPhase(phase), cause, true);
    this.proxy = proxy;
    this.statusCode = statusCode;
  }

  /** Returns the proxy that failed. */
  public Proxy proxy() {
    return proxy;
  }

  /** Returns the status with which the proxy refused a {@code CONNECT}, or 0 when it sent none. */
  public int statusCode() {
    return statusCode;
  }

  private static Phase checkPhase(Phase phase) {
    if (phase != Phase.DNS && phase != Phase.CONNECT && phase != Phase.PROXY) {
      throw new IllegalArgumentException("proxy errors happen in DNS, CONNECT or PROXY, not "
          + phase);
    }
    return phase;
  }
}

package io.gust.client;

import io.gust.net.ConnectFailedException;
import java.net.UnknownHostException;

/** Builds the {@link ProxyException}s that say the proxy, not the origin, failed. Stateless. */
final class ProxyFailures {
  private ProxyFailures() {}

  /** A failure of the proxy step itself ({@link Phase#PROXY}). */
  static ProxyException proxy(String message, HttpRequest request, Proxy proxy, int statusCode,
      Throwable cause) {
    return new ProxyException(message + " (proxy " + proxy + ", for "
        + HttpClientException.safeUri(request.uri()) + ")", request, Phase.PROXY, proxy,
        statusCode, cause);
  }

  /**
   * {@code cause}, raised while resolving or connecting to {@code proxy}, as a ProxyException
   * when it is a lookup or connect failure; anything else (a timeout) as it is.
   */
  static Throwable reaching(Throwable cause, HttpRequest request, Proxy proxy) {
    Throwable unwrapped = Failures.unwrap(cause);
    if (unwrapped instanceof UnknownHostException) {
      return new ProxyException("cannot resolve proxy host " + proxy.host() + " (for "
          + HttpClientException.safeUri(request.uri()) + ")", request, Phase.DNS, proxy, 0,
          unwrapped);
    }
    if (unwrapped instanceof ConnectFailedException) {
      return new ProxyException("cannot connect to proxy " + proxy + " (for "
          + HttpClientException.safeUri(request.uri()) + ")", request, Phase.CONNECT, proxy, 0,
          unwrapped);
    }
    return cause;
  }
}

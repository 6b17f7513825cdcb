package io.gust.client;

import java.util.Objects;

/**
 * What keys a connection pool: the scheme, host and port a request goes to and the address
 * families its fetch allows. Two requests with equal origins may share a connection. The client's
 * connect-to rules and TLS options are the same for every request of a client, so they need no
 * place in the key. Immutable.
 */
final class Origin {
  final boolean https;
  final String host;
  final int port;
  final AddressFamily family;

  private Origin(boolean https, String host, int port, AddressFamily family) {
    this.https = https;
    this.host = host;
    this.port = port;
    this.family = family;
  }

  static Origin of(HttpRequest request, AddressFamily family) {
    return new Origin(request.isHttps(), request.host(), request.port(), family);
  }

  /** Whether {@code request}, sent over {@code family}, has this origin; allocates nothing. */
  boolean matches(HttpRequest request, AddressFamily family) {
    return port == request.port() && https == request.isHttps() && this.family == family
        && host.equals(request.host());
  }

  String scheme() {
    return https ? "https" : "http";
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Origin)) {
      return false;
    }
    Origin that = (Origin) other;
    return https == that.https && port == that.port && family == that.family
        && host.equals(that.host);
  }

  @Override
  public int hashCode() {
    return Objects.hash(https, host, port, family);
  }

  @Override
  public String toString() {
    return scheme() + "://" + host + ":" + port + (family == AddressFamily.ANY ? "" : " " + family);
  }
}

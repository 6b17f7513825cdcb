package io.gust.client;

import java.util.Objects;

/**
 * What keys a connection pool: the scheme, host and port a request goes to, the address
 * families its fetch allows, and the proxy it goes through (so a tunnel serves one origin only,
 * and direct and proxied connections never mix), and the HTTP versions it allows (a request that
 * demands HTTP/1.1 never lands on an HTTP/2 connection). Two requests with equal origins may share a connection. The client's
 * connect-to rules and TLS options are the same for every request of a client, so they need no
 * place in the key. Immutable.
 */
final class Origin {
  final boolean https;
  final String host;
  final int port;
  final AddressFamily family;
  /** {@link Proxy#NONE} for a direct connection; never a rule. */
  final Proxy proxy;
  /**
   * Whether the requests ask to upgrade the connection (a WebSocket handshake) through an HTTP
   * proxy: even plain http then goes in a CONNECT tunnel, since a forwarding proxy would not pass
   * the upgrade on. Always false otherwise, so a direct request's headers are never looked at.
   */
  final boolean upgrade;
  /** The HTTP versions its connections may speak: the request's, else the client's. */
  final HttpVersions versions;

  private Origin(boolean https, String host, int port, AddressFamily family, Proxy proxy,
      boolean upgrade, HttpVersions versions) {
    this.https = https;
    this.host = host;
    this.port = port;
    this.family = family;
    this.proxy = proxy;
    this.upgrade = upgrade;
    this.versions = versions;
  }

  static Origin of(HttpRequest request, AddressFamily family, Proxy proxy,
      HttpVersions versions) {
    return new Origin(request.isHttps(), request.host(), request.port(), family, proxy,
        proxy.isHttp() && ProxyHeads.asksUpgrade(request), versions);
  }

  /**
   * Whether {@code request}, sent over {@code family} through {@code proxy}, has this origin;
   * allocates nothing.
   */
  boolean matches(HttpRequest request, AddressFamily family, Proxy proxy,
      HttpVersions versions) {
    return port == request.port() && https == request.isHttps() && this.family == family
        && host.equals(request.host()) && (this.proxy == proxy || this.proxy.equals(proxy))
        && (!this.proxy.isHttp() || upgrade == ProxyHeads.asksUpgrade(request))
        && (this.versions == versions || this.versions.equals(versions));
  }

  /**
   * Whether requests go to a proxy in absolute form: plain http, not asking for an upgrade,
   * through an HTTP(S) proxy.
   */
  boolean isForwarded() {
    return !https && !upgrade && proxy.isHttp();
  }

  /** Whether requests go through a CONNECT tunnel: https, or an upgrade, via an HTTP(S) proxy. */
  boolean isTunnelled() {
    return (https || upgrade) && proxy.isHttp();
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
        && host.equals(that.host) && proxy.equals(that.proxy) && upgrade == that.upgrade
        && versions.equals(that.versions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(https, host, port, family, proxy, upgrade, versions);
  }

  @Override
  public String toString() {
    return scheme() + "://" + host + ":" + port + (family == AddressFamily.ANY ? "" : " " + family)
        + (proxy.isDirect() ? "" : " via " + proxy) + (upgrade ? " (upgrade)" : "");
  }
}

package io.gust.client;

import io.gust.http.Http1Writer;
import okio.Buffer;

/**
 * What a proxy changes in a request head: the absolute-form target and the proxy's credentials
 * for a request forwarded by an HTTP proxy, and no {@code Proxy-Authorization} for anyone else
 * (the origin at the end of a tunnel or of a direct connection); and which requests need a
 * tunnel although plain http (upgrades). Stateless.
 */
final class ProxyHeads {
  static final String AUTHORIZATION = "Proxy-Authorization";

  private ProxyHeads() {}

  /**
   * Whether {@code request}, through {@code proxy}, goes to the proxy in absolute form: plain
   * http, no upgrade, through an HTTP(S) proxy. Only then can a 407 come from the proxy.
   */
  static boolean isForwarded(HttpRequest request, Proxy proxy) {
    return !request.isHttps() && proxy.isHttp() && !asksUpgrade(request);
  }

  /**
   * Whether {@code request} asks to upgrade its connection ({@code Upgrade}, or a WebSocket key
   * alone): such a request goes through an HTTP proxy in a CONNECT tunnel, never forwarded.
   */
  static boolean asksUpgrade(HttpRequest request) {
    Headers headers = request.headers();
    return headers.get("Upgrade") != null || headers.get("Sec-WebSocket-Key") != null;
  }

  /** The request-target: absolute-form for a forwarded request, else origin-form. */
  static String target(Origin origin, HttpRequest request) {
    if (!origin.isForwarded()) {
      return request.requestTarget();
    }
    return "http://" + request.hostHeader() + request.requestTarget();
  }

  /** The target of the CONNECT that tunnels {@code request}: host (IPv6 in brackets) and port. */
  static String connectAuthority(HttpRequest request) {
    String host = request.host().indexOf(':') >= 0 ? "[" + request.host() + "]" : request.host();
    return host + ":" + request.port();
  }

  /** Whether the field named {@code name} stays off the wire: proxy credentials to an origin. */
  static boolean withholds(Origin origin, String name) {
    return !origin.isForwarded() && name.equalsIgnoreCase(AUTHORIZATION);
  }

  /** Adds the proxy's own credentials to a forwarded request that carries none. */
  static void writeCredentials(Buffer out, Origin origin, Headers headers) {
    if (origin.isForwarded() && origin.proxy.hasCredentials() && headers.get(AUTHORIZATION) == null) {
      Http1Writer.writeField(out, AUTHORIZATION,
          BasicAuth.encode(origin.proxy.user(), origin.proxy.password()));
    }
  }
}

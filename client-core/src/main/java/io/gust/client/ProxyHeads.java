package io.gust.client;

import io.gust.http.Http1Writer;
import okio.Buffer;

/**
 * What a proxy changes in a request head: the absolute-form target and the proxy's credentials
 * for a request forwarded by an HTTP proxy, and no {@code Proxy-Authorization} for anyone else
 * (the origin at the end of a tunnel or of a direct connection). Stateless.
 */
final class ProxyHeads {
  static final String AUTHORIZATION = "Proxy-Authorization";

  private ProxyHeads() {}

  /** The request-target: absolute-form for a forwarded request, else origin-form. */
  static String target(Origin origin, HttpRequest request) {
    if (!origin.isForwarded()) {
      return request.requestTarget();
    }
    return "http://" + request.hostHeader() + request.requestTarget();
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

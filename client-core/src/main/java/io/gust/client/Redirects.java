package io.gust.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Decides the request that follows a redirect (RFC 9110 §15.4). Pure: no I/O, no state.
 *
 * <p>303, and 301 or 302 after a POST, become a GET (HEAD stays HEAD) without body or body
 * fields; 307 and 308 keep the method and body, and are followed only when the body can be sent
 * again. Credentials (Authorization, Proxy-Authorization, Cookie) are dropped when the redirect
 * leaves the origin (scheme, host and port).
 */
final class Redirects {
  private Redirects() {}

  static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /** Whether RFC 9110 lets this request be repeated without changing its meaning. */
  static boolean isIdempotent(String method) {
    switch (method) {
      case "GET":
      case "HEAD":
      case "OPTIONS":
      case "TRACE":
      case "PUT":
      case "DELETE":
        return true;
      default:
        return false;
    }
  }

  /** Whether a response with this status and fields is a redirect the client can follow. */
  static boolean isFollowable(HttpRequest request, int code, Headers headers) {
    if (!isRedirect(code) || headers.get("Location") == null) {
      return false;
    }
    boolean keepsBody = code == 307 || code == 308;
    return !keepsBody || request.body() == null || request.body().isReplayable();
  }

  /**
   * The request to send after {@code response}. Throws {@link HttpProtocolException} when the
   * Location is malformed or names a scheme other than http or https.
   */
  static HttpRequest next(HttpRequest current, HttpResponse response) throws HttpClientException {
    URI target = resolve(current, response.header("Location"));
    HttpRequest.Builder next = current.newBuilder();
    try {
      next.uri(target);
    } catch (IllegalArgumentException e) {
      throw badLocation(current, "unusable redirect location", e);
    }
    int code = response.code();
    String method = current.method();
    boolean toGet = code == 303 || ((code == 301 || code == 302) && "POST".equals(method));
    if (toGet && !"HEAD".equals(method)) {
      next.method("GET", null);
      next.removeHeader("Content-Length").removeHeader("Content-Type")
          .removeHeader("Transfer-Encoding");
    }
    if (!sameOrigin(current.uri(), target, current.port())) {
      next.removeHeader("Authorization").removeHeader("Proxy-Authorization")
          .removeHeader("Cookie");
    }
    return next.build();
  }

  private static URI resolve(HttpRequest current, String location) throws HttpClientException {
    URI target;
    try {
      target = current.uri().resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw badLocation(current, "malformed redirect location", e);
    }
    String scheme = target.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw badLocation(current, "redirect to an unsupported scheme " + scheme, null);
    }
    return target;
  }

  private static boolean sameOrigin(URI from, URI to, int fromPort) {
    int toPort = to.getPort() != -1 ? to.getPort()
        : "https".equalsIgnoreCase(to.getScheme()) ? 443 : 80;
    return from.getScheme().equalsIgnoreCase(to.getScheme())
        && from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost())
        && fromPort == toPort;
  }

  private static HttpProtocolException badLocation(HttpRequest request, String why, Throwable e) {
    return new HttpProtocolException(HttpProtocolException.Kind.BAD_LOCATION,
        why + " from " + HttpClientException.safeUri(request.uri()), request, Phase.HEADERS, e);
  }
}

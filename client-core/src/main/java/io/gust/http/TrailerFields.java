package io.gust.http;

import io.gust.client.Headers;
import java.util.Locale;
import java.util.Set;

/**
 * Which fields a trailer section may carry (RFC 9110 §6.5.1): none that a recipient needs
 * before the content, so no message framing or connection control, routing, request modifiers
 * (controls and conditionals), authentication and cookies, response control data, and no
 * {@code Content-*} field describing the content's format, {@code Content-Digest} excepted (RFC
 * 9530 §2 defines it for trailers). The same list serves HTTP/1.1's chunked trailer section and
 * HTTP/2's trailing HEADERS, where the connection-specific fields are forbidden anyway. Stateless.
 */
public final class TrailerFields {
  private static final Set<String> FORBIDDEN = Set.of(
      // framing and connection control
      "transfer-encoding", "content-length", "trailer", "connection", "keep-alive",
      "proxy-connection", "upgrade", "te",
      // routing
      "host",
      // request modifiers: controls and conditionals
      "cache-control", "expect", "max-forwards", "pragma", "range", "if-match", "if-none-match",
      "if-modified-since", "if-unmodified-since", "if-range",
      // authentication and state
      "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate",
      "cookie", "set-cookie",
      // response control data
      "age", "date", "expires", "location", "retry-after", "vary", "warning");

  private TrailerFields() {}

  /** Whether {@code name} may be sent as a trailer field; case does not matter. */
  public static boolean isAllowed(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("content-")) {
      return lower.equals("content-digest");
    }
    return !FORBIDDEN.contains(lower);
  }

  /** Throws IllegalArgumentException naming the first field of {@code trailers} not allowed. */
  public static void check(Headers trailers) {
    for (int i = 0, n = trailers.size(); i < n; i++) {
      if (!isAllowed(trailers.name(i))) {
        throw new IllegalArgumentException("field not allowed in trailers (RFC 9110 §6.5.1): "
            + trailers.name(i));
      }
    }
  }
}

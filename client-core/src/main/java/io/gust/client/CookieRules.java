package io.gust.client;

import java.net.IDN;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The matching rules of RFC 6265bis: canonical host names (§5.1.2), domain matching (§5.1.3),
 * default paths and path matching (§5.1.4), and which schemes are secure. Pure and thread-safe.
 */
final class CookieRules {
  /** Longest name plus value a cookie may have, in bytes (§5.6 step 4). */
  static final int MAX_NAME_VALUE_BYTES = 4096;

  private CookieRules() {}

  /**
   * Returns the host in lower case and punycode, without IPv6 brackets; throws
   * IllegalArgumentException for a name that IDNA cannot convert.
   */
  static String canonicalHost(String host) {
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    for (int i = 0; i < bare.length(); i++) {
      if (bare.charAt(i) >= 0x80) {
        return IDN.toASCII(bare, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      }
    }
    return bare.toLowerCase(Locale.ROOT);
  }

  /** Returns the canonical host of an absolute URI, or null when it has none. */
  static String canonicalHost(URI uri) {
    String host = uri.getHost();
    return host == null ? null : canonicalHost(host);
  }

  /** Returns whether the scheme is one a Secure cookie may travel over. */
  static boolean isSecure(URI uri) {
    String scheme = uri.getScheme();
    return "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
  }

  /** Returns whether {@code host} (canonical) domain-matches {@code domain} (canonical). */
  static boolean domainMatches(String host, String domain) {
    if (host.equals(domain)) {
      return true;
    }
    return host.endsWith(domain) && host.length() > domain.length()
        && host.charAt(host.length() - domain.length() - 1) == '.'
        && !isIpAddress(host);
  }

  /** Returns whether the host is an IPv4 or IPv6 literal rather than a name. */
  static boolean isIpAddress(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }

  /** The default-path of §5.1.4: the request path up to, not including, its last "/". */
  static String defaultPath(URI uri) {
    String path = uri.getRawPath();
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return "/";
    }
    int last = path.lastIndexOf('/');
    return last == 0 ? "/" : path.substring(0, last);
  }

  /** Returns the path a request URI is matched with: its raw path, or "/" when empty. */
  static String requestPath(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  /** Returns whether {@code requestPath} path-matches {@code cookiePath} (§5.1.4). */
  static boolean pathMatches(String requestPath, String cookiePath) {
    if (requestPath.equals(cookiePath)) {
      return true;
    }
    return requestPath.startsWith(cookiePath)
        && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
  }

  /** Returns the number of bytes a string takes in UTF-8. */
  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Throws IllegalArgumentException for a name or value that cannot appear in a Cookie field. */
  static void checkNameAndValue(String name, String value) {
    if (name.isEmpty() && value.isEmpty()) {
      throw new IllegalArgumentException("a cookie needs a name or a value");
    }
    if (utf8Length(name) + utf8Length(value) > MAX_NAME_VALUE_BYTES) {
      throw new IllegalArgumentException("cookie name and value exceed "
          + MAX_NAME_VALUE_BYTES + " bytes");
    }
    checkChars(name, "=;");
    checkChars(value, ";");
  }

  private static void checkChars(String text, String forbidden) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F || forbidden.indexOf(c) >= 0) {
        throw new IllegalArgumentException("a cookie name or value holds character "
            + (int) c + " at index " + i);
      }
    }
  }
}

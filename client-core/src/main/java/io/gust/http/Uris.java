package io.gust.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The rules Gust applies to request URIs: only absolute http and https URIs with a host, nothing
 * that could split a request line (whitespace, CR, LF, NUL, other controls), non-ASCII
 * characters percent-encoded. Also renders URIs safely for messages.
 */
public final class Uris {
  private Uris() {}

  /** Parses {@code url} after refusing whitespace and control characters anywhere in it. */
  public static URI parse(String url) {
    checkNoControls(url);
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed URL: " + e.getReason() + " at index " + e.getIndex(), e);
    }
  }

  /**
   * Returns {@code uri} checked for http use, in ASCII form: scheme, host and port; throws
   * IllegalArgumentException.
   */
  public static URI check(URI uri) {
    String text = uri.toString();
    checkNoControls(text);
    if (HttpChars.widestChar(text) >= 0x80) {
      uri = URI.create(uri.toASCIIString());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException("scheme must be http or https: " + safe(uri));
    }
    if (uri.isOpaque() || host(uri) == null) {
      throw new IllegalArgumentException("URL has no host: " + safe(uri));
    }
    port(uri);
    return uri;
  }

  private static void checkNoControls(String url) {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new IllegalArgumentException(
            "URL has whitespace or a control character at index " + i);
      }
    }
  }

  /**
   * Returns the host without brackets, or null. Falls back to the raw authority for names the
   * JDK's URI refuses as server-based, such as {@code my_service}.
   */
  public static String host(URI uri) {
    String host = uri.getHost();
    if (host != null) {
      return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
    String hostPort = rawHostPort(uri);
    if (hostPort == null) {
      return null;
    }
    int colon = hostPort.lastIndexOf(':');
    String name = colon < 0 ? hostPort : hostPort.substring(0, colon);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '.' && c != '_') {
        return null;
      }
    }
    return name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
  }

  /** Returns the explicit port, or the scheme's default port. */
  public static int port(URI uri) {
    int port = uri.getPort();
    if (port < 0 && uri.getHost() == null) {
      String hostPort = rawHostPort(uri);
      int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
      if (colon >= 0 && colon + 1 < hostPort.length()) {
        port = parsePort(hostPort.substring(colon + 1));
      }
    }
    return port < 0 ? defaultPort(uri.getScheme()) : port;
  }

  private static int parsePort(String digits) {
    try {
      int port = Integer.parseInt(digits);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Falls through to the refusal below.
    }
    throw new IllegalArgumentException("bad port in URL authority");
  }

  private static String rawHostPort(URI uri) {
    String authority = uri.getRawAuthority();
    return authority == null ? null : authority.substring(authority.lastIndexOf('@') + 1);
  }

  public static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /** Returns the Host field value: host[:port], IPv6 in brackets, default port left out. */
  public static String hostHeader(String scheme, String host, int port) {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort(scheme) ? name : name + ":" + port;
  }

  /** Returns the origin-form request target: raw path ("/" when empty) and raw query. */
  public static String requestTarget(URI uri) {
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    String query = uri.getRawQuery();
    return query == null ? path : path + "?" + query;
  }

  /** Returns {@code uri} without its user information; the raw form is kept otherwise. */
  public static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null && uri.getRawAuthority().indexOf('@') < 0) {
      return uri;
    }
    StringBuilder text = new StringBuilder().append(uri.getScheme()).append("://")
        .append(rawHostPort(uri)).append(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      text.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      text.append('#').append(uri.getRawFragment());
    }
    return URI.create(text.toString());
  }

  /** Returns the raw user information of {@code uri} (before '@'), or null. */
  public static String rawUserInfo(URI uri) {
    String authority = uri.getRawAuthority();
    int at = authority == null ? -1 : authority.lastIndexOf('@');
    return at < 0 ? null : authority.substring(0, at);
  }

  /** Decodes the %XX escapes of ASCII text {@code s} as UTF-8; '+' stays '+'. */
  public static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int high = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
      if (low >= 0) {
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Renders {@code uri} as scheme://host:port/path, without credentials, query or fragment. */
  public static String safe(URI uri) {
    if (uri == null) {
      return "null";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() != null ? uri.getHost() : String.valueOf(host(uri));
    int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return scheme + "://" + host + ":" + port + path;
  }
}

package io.gust.client;

import io.gust.http.Uris;
import java.util.Locale;

/** Parses curl-style proxy URLs into {@link Proxy}s. Stateless. */
final class ProxyUrls {
  private ProxyUrls() {}

  /**
   * {@code [scheme://][user[:password]@]host[:port][/]}: schemes http, https, socks5, socks5h, socks4a;
   * no scheme means http; the port defaults to 443 for https, else 1080 (as curl).
   */
  static Proxy parse(String url) {
    String text = url.trim();
    int schemeEnd = text.indexOf("://");
    String scheme = schemeEnd < 0 ? "http" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String rest = schemeEnd < 0 ? text : text.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = Uris.percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : Uris.percentDecode(userInfo.substring(colon + 1));
    }
    String host = rest;
    int port = "https".equals(scheme) ? 443 : 1080;
    int portColon = rest.lastIndexOf(':');
    if (portColon >= 0 && rest.indexOf(']', portColon) < 0 && (rest.startsWith("[")
        || rest.indexOf(':') == portColon)) {
      host = rest.substring(0, portColon);
      port = parsePort(rest.substring(portColon + 1));
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("no host in the proxy URL");
    }
    Proxy proxy;
    switch (scheme) {
      case "http":
        proxy = Proxy.http(host, port);
        break;
      case "https":
        proxy = Proxy.https(host, port);
        break;
      case "socks5h":
        proxy = Proxy.socks5(host, port);
        break;
      case "socks5":
        proxy = Proxy.socks5(host, port).withLocalResolution();
        break;
      case "socks4a":
        proxy = Proxy.socks4a(host, port);
        break;
      default:
        throw new IllegalArgumentException("unsupported proxy scheme: " + scheme);
    }
    return user == null ? proxy : proxy.withCredentials(user, password);
  }

  private static int parsePort(String digits) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("bad port in the proxy URL");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("proxy port out of range: " + port);
    }
    return port;
  }
}

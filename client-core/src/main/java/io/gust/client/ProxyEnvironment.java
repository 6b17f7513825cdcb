package io.gust.client;

import io.gust.http.Uris;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * curl's proxy environment variables, read once: which proxy serves http and https requests, and
 * the {@code no_proxy} hosts that go direct. Immutable; {@link #choose} allocates little and
 * never resolves a name.
 */
final class ProxyEnvironment {
  /** Null when unset: direct. */
  private final Proxy http;
  private final Proxy https;
  private final boolean noProxyAll;
  /** Lowercase domains without leading dot. */
  private final List<String> noProxyDomains;
  /** Address bytes and prefix length in bits, for IP literals and CIDR ranges. */
  private final List<byte[]> noProxyNets;
  private final List<Integer> noProxyPrefixes;

  private ProxyEnvironment(Proxy http, Proxy https, String noProxy) {
    this.http = http;
    this.https = https;
    List<String> domains = new ArrayList<>();
    List<byte[]> nets = new ArrayList<>();
    List<Integer> prefixes = new ArrayList<>();
    boolean all = false;
    for (String entry : noProxy == null ? new String[0] : noProxy.split("[,\\s]+")) {
      String item = entry.trim().toLowerCase(Locale.ROOT);
      if (item.equals("*")) {
        all = true;
      } else if (!item.isEmpty()) {
        addEntry(item, domains, nets, prefixes);
      }
    }
    this.noProxyAll = all;
    this.noProxyDomains = List.copyOf(domains);
    this.noProxyNets = List.copyOf(nets);
    this.noProxyPrefixes = List.copyOf(prefixes);
  }

  static ProxyEnvironment read(Map<String, String> env) {
    Proxy all = proxy(first(env, "all_proxy", "ALL_PROXY"));
    Proxy http = proxy(env.get("http_proxy"));
    Proxy https = proxy(first(env, "https_proxy", "HTTPS_PROXY"));
    return new ProxyEnvironment(http != null ? http : all, https != null ? https : all,
        first(env, "no_proxy", "NO_PROXY"));
  }

  /** Only the exemptions of {@code noProxy}, for {@link #exempts}. */
  static ProxyEnvironment exempting(String noProxy) {
    return new ProxyEnvironment(null, null, noProxy);
  }

  /** The proxy for {@code uri}: the scheme's, unless no_proxy lists its host. */
  Proxy choose(URI uri) {
    Proxy proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    return proxy == null || exempts(uri) ? Proxy.NONE : proxy;
  }

  /** Whether no_proxy sends requests for {@code uri} direct. */
  boolean exempts(URI uri) {
    return isExempt(Uris.host(uri).toLowerCase(Locale.ROOT));
  }

  /** Whether no_proxy sends {@code host} (lowercase, IPv6 unbracketed) direct. */
  boolean isExempt(String host) {
    if (noProxyAll) {
      return true;
    }
    for (String domain : noProxyDomains) {
      if (host.equals(domain) || (host.endsWith(domain)
          && host.charAt(host.length() - domain.length() - 1) == '.')) {
        return true;
      }
    }
    byte[] address = literal(host);
    for (int i = 0; address != null && i < noProxyNets.size(); i++) {
      if (inRange(address, noProxyNets.get(i), noProxyPrefixes.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static void addEntry(String item, List<String> domains, List<byte[]> nets,
      List<Integer> prefixes) {
    int slash = item.indexOf('/');
    String host = slash < 0 ? item : item.substring(0, slash);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    byte[] address = literal(host);
    if (address == null) {
      domains.add(host.startsWith(".") ? host.substring(1) : host);
      return;
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Math.min(bits, Integer.parseInt(item.substring(slash + 1)));
      } catch (NumberFormatException e) {
        return;
      }
    }
    nets.add(address);
    prefixes.add(Math.max(0, bits));
  }

  /** The bytes of an IP literal, or null for a name; never looks anything up. */
  static byte[] literal(String host) {
    boolean v6 = host.indexOf(':') >= 0;
    boolean v4 = !v6 && !host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (!v4 && !v6) {
      return null;
    }
    if (v4 && !isDottedQuad(host)) {
      return null;
    }
    try {
      return InetAddress.getByName(v6 ? "[" + host + "]" : host).getAddress();
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  /** Four decimal parts of at most 255, so the JDK parses it as a literal and looks nothing up. */
  private static boolean isDottedQuad(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean inRange(byte[] address, byte[] net, int prefixBits) {
    if (address.length != net.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != net[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (address[full] & mask) == (net[full] & mask);
  }

  private static String first(Map<String, String> env, String lower, String upper) {
    String value = env.get(lower);
    return value != null ? value : env.get(upper);
  }

  private static Proxy proxy(String url) {
    return url == null || url.isBlank() ? null : Proxy.of(url);
  }
}

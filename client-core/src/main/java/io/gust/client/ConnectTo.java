package io.gust.client;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client's connect-to rules (curl's {@code --connect-to}): each maps one host and port to
 * another host and port to connect to, while requests keep their Host field and TLS keeps the
 * original name for SNI and certificate checks. Immutable once the client is built.
 */
final class ConnectTo {
  /** Targets, unresolved, by {@code host:port} of the origin (host in lower case). */
  private final Map<String, InetSocketAddress> targets;

  ConnectTo(Map<String, InetSocketAddress> targets) {
    this.targets = Map.copyOf(targets);
  }

  /** Adds a rule to {@code rules}; a later rule for the same origin replaces the earlier. */
  static void add(HashMap<String, InetSocketAddress> rules, String host, int port,
      String targetHost, int targetPort) {
    rules.put(key(checkHost(host), checkPort(port)),
        InetSocketAddress.createUnresolved(checkHost(targetHost), checkPort(targetPort)));
  }

  /** Where to connect for {@code host} and {@code port}: the rule's target, or them as given. */
  InetSocketAddress target(String host, int port) {
    InetSocketAddress mapped = targets.isEmpty() ? null : targets.get(key(host, port));
    return mapped != null ? mapped : InetSocketAddress.createUnresolved(host, port);
  }

  private static String key(String host, int port) {
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** The host as requests carry it: an IPv6 literal without its brackets. */
  private static String checkHost(String host) {
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    if (bare.isEmpty()) {
      throw new IllegalArgumentException("empty host in a connect-to rule");
    }
    return bare;
  }

  private static int checkPort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range in a connect-to rule: " + port);
    }
    return port;
  }
}

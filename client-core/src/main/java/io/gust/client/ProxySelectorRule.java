package io.gust.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a {@link ProxySelector}'s answer for a request to a {@link Proxy} that tells the selector
 * ({@link ProxySelector#connectFailed}) when it cannot be reached. Stateless.
 */
final class ProxySelectorRule {
  private static final Logger log = LoggerFactory.getLogger(ProxySelectorRule.class);

  private ProxySelectorRule() {}

  /** The first of the selector's proxies for {@code uri}: DIRECT, HTTP or SOCKS. */
  static Proxy choose(ProxySelector selector, URI uri) {
    List<java.net.Proxy> answers = selector.select(uri);
    if (answers == null || answers.isEmpty()) {
      return Proxy.NONE;
    }
    java.net.Proxy first = answers.get(0);
    SocketAddress address = first.address();
    if (first.type() == java.net.Proxy.Type.DIRECT || !(address instanceof InetSocketAddress)) {
      return Proxy.NONE;
    }
    InetSocketAddress socket = (InetSocketAddress) address;
    String host = socket.getHostString();
    Proxy chosen = first.type() == java.net.Proxy.Type.HTTP ? Proxy.http(host, socket.getPort())
        : Proxy.socks5(host, socket.getPort()).withLocalResolution();
    return chosen.reportingUnreachable((failed, cause) -> connectFailed(selector, failed,
        address, cause));
  }

  /** Tells {@code selector} its proxy failed; what it throws is logged, not raised. */
  private static void connectFailed(ProxySelector selector, URI uri, SocketAddress address,
      IOException cause) {
    try {
      selector.connectFailed(uri, address, cause);
    } catch (RuntimeException e) {
      log.warn("ProxySelector.connectFailed threw for proxy {}", address, e);
    }
  }
}

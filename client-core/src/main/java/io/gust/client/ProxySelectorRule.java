package io.gust.client;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/** Maps a {@link ProxySelector}'s answer for a request to a {@link Proxy}. Stateless. */
final class ProxySelectorRule {
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
    if (first.type() == java.net.Proxy.Type.HTTP) {
      return Proxy.http(host, socket.getPort());
    }
    return Proxy.socks5(host, socket.getPort()).withLocalResolution();
  }
}

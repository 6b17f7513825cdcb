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
 * Maps a {@link ProxySelector}'s answers for a request to a chain of {@link Proxy}s: the first
 * answer, each remembering ({@link Choice}) to tell the selector ({@link
 * ProxySelector#connectFailed}) when it cannot be reached and which answer comes next. Stateless.
 */
final class ProxySelectorRule {
  private static final Logger log = LoggerFactory.getLogger(ProxySelectorRule.class);

  private ProxySelectorRule() {}

  /**
   * The selector's first answer for {@code uri} (DIRECT, HTTP or SOCKS), chained to the answers
   * after it up to and including the first DIRECT; answers without an internet address are
   * skipped, and no usable answer means {@link Proxy#NONE}.
   */
  static Proxy choose(ProxySelector selector, URI uri) {
    List<java.net.Proxy> answers = selector.select(uri);
    if (answers == null) {
      return Proxy.NONE;
    }
    int end = 0;
    while (end < answers.size() && answers.get(end).type() != java.net.Proxy.Type.DIRECT) {
      end++;
    }
    Proxy chain = end < answers.size() || end == 0 ? Proxy.NONE : null;
    for (int i = end - 1; i >= 0; i--) {
      java.net.Proxy answer = answers.get(i);
      if (answer.address() instanceof InetSocketAddress) {
        chain = mapped(answer).chosenBy(new Choice(selector, answer.address(), chain));
      }
    }
    return chain == null ? Proxy.NONE : chain;
  }

  /** An HTTP answer as an HTTP proxy, a SOCKS one as SOCKS5 resolving names locally. */
  private static Proxy mapped(java.net.Proxy answer) {
    InetSocketAddress socket = (InetSocketAddress) answer.address();
    String host = socket.getHostString();
    return answer.type() == java.net.Proxy.Type.HTTP ? Proxy.http(host, socket.getPort())
        : Proxy.socks5(host, socket.getPort()).withLocalResolution();
  }

  /**
   * What a proxy a selector chose remembers: the selector to tell when it cannot be reached, and
   * the answer to try then. Immutable.
   */
  static final class Choice {
    private final ProxySelector selector;
    private final SocketAddress address;
    /** The next answer: a proxy, {@link Proxy#NONE} for DIRECT, or null when none is left. */
    final Proxy next;

    Choice(ProxySelector selector, SocketAddress address, Proxy next) {
      this.selector = selector;
      this.address = address;
      this.next = next;
    }

    /** This choice with the answers after it given credentials too. */
    Choice withCredentials(String user, String password) {
      return next == null || next.isDirect() ? this
          : new Choice(selector, address, next.withCredentials(user, password));
    }

    /** Tells the selector its proxy failed for {@code uri}; what it throws is logged. */
    void failed(URI uri, IOException cause) {
      try {
        selector.connectFailed(uri, address, cause);
      } catch (RuntimeException e) {
        log.warn("ProxySelector.connectFailed threw for proxy {}", address, e);
      }
    }
  }
}

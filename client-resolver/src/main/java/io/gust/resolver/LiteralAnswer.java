package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.net.Addresses;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The answer for IP literals and {@code localhost}, which no resolver here sends anywhere. */
final class LiteralAnswer {
  private LiteralAnswer() {}

  /** The completed answer when {@code host} needs no lookup; null when it does. */
  static CompletableFuture<List<InetSocketAddress>> of(String host, int port,
      AddressFamily family) {
    List<InetSocketAddress> literal = Addresses.literal(host, port, family);
    if (literal == null) {
      return null;
    }
    return literal.isEmpty()
        ? CompletableFuture.failedFuture(noAddress(host, family))
        : CompletableFuture.completedFuture(literal);
  }

  static HostNotFoundException noAddress(String host, AddressFamily family) {
    return new HostNotFoundException(host, "no " + family + " address");
  }
}

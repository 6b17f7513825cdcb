package io.gust.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Every connection attempt failed before the connect timeout: refused, unreachable, or the
 * event loop closed during the connect.
 *
 * <p>Each attempt's own exception is attached as suppressed, in the order the attempts failed.
 */
public final class ConnectFailedException extends IOException {
  private final List<InetSocketAddress> addresses;

  ConnectFailedException(String reason, List<InetSocketAddress> addresses, Throwable cause) {
    super(reason + "; tried " + SocketAddresses.format(addresses), cause);
    this.addresses = List.copyOf(addresses);
  }

  /** The addresses attempted, in the order they were tried. */
  public List<InetSocketAddress> addresses() {
    return addresses;
  }
}

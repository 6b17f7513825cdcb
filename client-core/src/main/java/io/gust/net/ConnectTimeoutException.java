package io.gust.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * No connection attempt succeeded within the connect timeout. Every attempt still running was
 * aborted and its socket closed; attempts that had failed before are attached as suppressed.
 */
public final class ConnectTimeoutException extends IOException {
  private final Duration timeout;
  private final List<InetSocketAddress> addresses;

  ConnectTimeoutException(Duration timeout, List<InetSocketAddress> addresses) {
    super("connect timed out after " + timeout.toMillis() + " ms; tried "
        + SocketAddresses.format(addresses));
    this.timeout = timeout;
    this.addresses = List.copyOf(addresses);
  }

  /** The connect timeout that expired. */
  public Duration timeout() {
    return timeout;
  }

  /** The addresses attempted before the timeout, in the order they were tried. */
  public List<InetSocketAddress> addresses() {
    return addresses;
  }
}

package io.gust.net;

import io.gust.client.SourceAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/** Binds outgoing sockets to a {@link SourceAddress} before they connect. Stateless. */
final class LocalBinder {
  private LocalBinder() {}

  /**
   * The destinations {@code source} can reach: those of a family it has an address of. Fails
   * when none is left.
   */
  static List<InetSocketAddress> reachable(SourceAddress source,
      List<InetSocketAddress> destinations) throws BindFailedException {
    List<InetSocketAddress> kept = new ArrayList<>(destinations.size());
    for (InetSocketAddress destination : destinations) {
      if (source.addressFor(destination.getAddress()) != null) {
        kept.add(destination);
      }
    }
    if (kept.isEmpty()) {
      throw new BindFailedException("no address of the destination ("
          + SocketAddresses.format(destinations) + ") is of the family of local address "
          + source, null);
    }
    return kept;
  }

  /** Binds {@code channel} for a connection to {@code destination}, trying the port range. */
  static void bind(SocketChannel channel, SourceAddress source, InetSocketAddress destination)
      throws BindFailedException {
    InetAddress local = source.addressFor(destination.getAddress());
    int first = source.firstPort();
    BindException last = null;
    for (int port = first; port <= source.lastPort(); port++) {
      try {
        channel.bind(new InetSocketAddress(local, port));
        return;
      } catch (BindException e) {
        if (first == 0 || !isPortInUse(e)) {
          throw new BindFailedException("cannot bind local address "
              + SocketAddresses.format(new InetSocketAddress(local, port)) + ": "
              + e.getMessage(), e);
        }
        last = e;
      } catch (IOException e) {
        throw new BindFailedException("cannot bind local address " + local.getHostAddress()
            + ": " + e.getMessage(), e);
      }
    }
    throw new BindFailedException("every local port " + first + "-" + source.lastPort() + " of "
        + local.getHostAddress() + " is in use", last);
  }

  private static boolean isPortInUse(BindException e) {
    String message = e.getMessage();
    return message != null && message.contains("in use");
  }
}

package io.gust.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.Objects;

/**
 * The local end outgoing connections are bound to: a local address, or the addresses of a
 * network interface, and optionally a range of local ports (curl's {@code --interface} and
 * {@code --local-port}, Tornado's {@code network_interface}). Immutable and thread-safe.
 *
 * <p>A connection to a host only uses the host's addresses of a family this source has an
 * address of (an IPv4 source reaches only IPv4 addresses). With a port range, the first free port
 * of the range is taken; when the address cannot be bound or every port in the range is in use,
 * the fetch fails with {@link LocalBindException}.
 */
public final class SourceAddress {
  /** The IPv4 address to bind, or null when IPv4 destinations are not reachable. */
  private final InetAddress ipv4;
  /** The IPv6 address to bind, or null when IPv6 destinations are not reachable. */
  private final InetAddress ipv6;
  private final int firstPort;
  private final int lastPort;

  private SourceAddress(InetAddress ipv4, InetAddress ipv6, int firstPort, int lastPort) {
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.firstPort = firstPort;
    this.lastPort = lastPort;
  }

  /** Binds to {@code address}, on a port the system chooses. */
  public static SourceAddress of(InetAddress address) {
    Objects.requireNonNull(address, "address");
    return address instanceof Inet6Address
        ? new SourceAddress(null, address, 0, 0) : new SourceAddress(address, null, 0, 0);
  }

  /**
   * Binds to the wildcard address of the destination's family (0.0.0.0 or ::), which only makes
   * sense {@link #withPorts with a port range}: curl's {@code --local-port} alone.
   */
  public static SourceAddress any() {
    try {
      return new SourceAddress(InetAddress.getByAddress(new byte[4]),
          InetAddress.getByAddress(new byte[16]), 0, 0);
    } catch (UnknownHostException e) {
      throw new AssertionError("a 4- or 16-byte address is always valid", e);
    }
  }

  /**
   * Binds to the first IPv4 and the first IPv6 address of the interface {@code name} (such as
   * {@code lo} or {@code eth0}), on a port the system chooses. Looks the interface up now.
   *
   * @throws IllegalArgumentException when there is no such interface or it has no address
   */
  public static SourceAddress ofInterface(String name) {
    Objects.requireNonNull(name, "name");
    NetworkInterface found;
    try {
      found = NetworkInterface.getByName(name);
    } catch (SocketException e) {
      throw new IllegalArgumentException("cannot look up network interface " + name, e);
    }
    if (found == null) {
      throw new IllegalArgumentException("no network interface named " + name);
    }
    InetAddress v4 = null;
    InetAddress v6 = null;
    for (Enumeration<InetAddress> all = found.getInetAddresses(); all.hasMoreElements(); ) {
      InetAddress address = all.nextElement();
      if (address instanceof Inet4Address && v4 == null) {
        v4 = address;
      } else if (address instanceof Inet6Address && v6 == null) {
        v6 = address;
      }
    }
    if (v4 == null && v6 == null) {
      throw new IllegalArgumentException("network interface " + name + " has no address");
    }
    return new SourceAddress(v4, v6, 0, 0);
  }

  /**
   * The same address with local ports {@code firstPort} to {@code lastPort} (inclusive), tried
   * in order; curl's {@code --local-port N-M}.
   */
  public SourceAddress withPorts(int firstPort, int lastPort) {
    if (firstPort < 1 || lastPort > 65535 || firstPort > lastPort) {
      throw new IllegalArgumentException("need 1 <= firstPort <= lastPort <= 65535, not "
          + firstPort + "-" + lastPort);
    }
    return new SourceAddress(ipv4, ipv6, firstPort, lastPort);
  }

  /** The address to bind for a destination of {@code destination}'s family, or null for none. */
  public InetAddress addressFor(InetAddress destination) {
    return destination instanceof Inet6Address ? ipv6 : ipv4;
  }

  /** The first local port to try; 0 when the system chooses. */
  public int firstPort() {
    return firstPort;
  }

  /** The last local port to try; 0 when the system chooses. */
  public int lastPort() {
    return lastPort;
  }

  @Override
  public String toString() {
    String addresses = ipv4 == null ? ipv6.getHostAddress()
        : ipv6 == null ? ipv4.getHostAddress()
        : ipv4.getHostAddress() + "," + ipv6.getHostAddress();
    return firstPort == 0 ? addresses : addresses + " ports " + firstPort + "-" + lastPort;
  }
}

package io.gust.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which IP address families a lookup may return. */
public enum AddressFamily {
  /** IPv4 and IPv6, in the order the resolver prefers. */
  ANY,
  /** IPv4 only (A records). */
  IPV4,
  /** IPv6 only (AAAA records). */
  IPV6;

  /** True when {@code address} belongs to this family. */
  public boolean accepts(InetAddress address) {
    return switch (this) {
      case ANY -> true;
      case IPV4 -> address instanceof Inet4Address;
      case IPV6 -> address instanceof Inet6Address;
    };
  }
}

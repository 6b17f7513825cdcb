package io.gust.net;

import io.gust.client.AddressFamily;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Host names that need no lookup: IP literals and {@code localhost}. Shared by every resolver so
 * that none of them sends these to a name server.
 */
public final class Addresses {
  private static final InetAddress IPV4_LOOPBACK = loopback(new byte[] {127, 0, 0, 1});
  private static final InetAddress IPV6_LOOPBACK =
      loopback(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

  private Addresses() {}

  /**
   * The addresses of {@code host} when it is an IP literal (IPv6 with or without brackets) or
   * {@code localhost} (127.0.0.1 then ::1), filtered by {@code family}; null when the host needs a
   * real lookup. An empty list means the literal exists but not in that family.
   */
  public static List<InetSocketAddress> literal(String host, int port, AddressFamily family) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    List<InetAddress> found = new ArrayList<>(2);
    if (name.equalsIgnoreCase("localhost") || name.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
      found.add(IPV4_LOOPBACK);
      found.add(IPV6_LOOPBACK);
    } else if (isIpv4Literal(name) || name.indexOf(':') >= 0) {
      // Brackets make the JDK parse an IPv6 literal or fail; without them it would fall back to a
      // blocking name lookup of anything it cannot parse.
      String literal = name.indexOf(':') < 0 || name.startsWith("[") ? name : "[" + name + "]";
      try {
        found.add(InetAddress.getByName(literal));
      } catch (UnknownHostException e) {
        return null;
      }
    } else {
      return null;
    }
    List<InetSocketAddress> result = new ArrayList<>(found.size());
    for (InetAddress address : found) {
      if (family.accepts(address)) {
        result.add(new InetSocketAddress(address, port));
      }
    }
    return result;
  }

  /** True for dotted-quad IPv4 literals such as {@code 127.0.0.1}; no other forms. */
  static boolean isIpv4Literal(String name) {
    int parts = 0;
    int digits = 0;
    int value = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return false;
        }
      } else if (c == '.' && digits > 0) {
        parts++;
        digits = 0;
        value = 0;
      } else {
        return false;
      }
    }
    return parts == 3 && digits > 0;
  }

  private static InetAddress loopback(byte[] bytes) {
    try {
      return InetAddress.getByAddress("localhost", bytes);
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}

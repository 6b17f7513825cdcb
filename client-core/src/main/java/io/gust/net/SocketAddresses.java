package io.gust.net;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Formats socket addresses for messages and logs as {@code ip:port}, never with host names, and
 * parses IP literals without a name lookup.
 */
final class SocketAddresses {
  private SocketAddresses() {}

  /** The channel's peer, or null when it is not connected. */
  static InetSocketAddress remoteOf(SocketChannel channel) {
    try {
      return (InetSocketAddress) channel.getRemoteAddress();
    } catch (IOException e) {
      return null;
    }
  }

  /** The address an IPv4 dotted quad or an IPv6 literal (brackets allowed) stands for. */
  static InetAddress parseLiteral(String ip) {
    String literal = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    try {
      if (literal.indexOf(':') >= 0) {
        // The JDK never looks up a name that contains a colon: it parses it or rejects it.
        return InetAddress.getByName(literal);
      }
      return InetAddress.getByAddress(parseDottedQuad(literal));
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IP literal: " + ip, e);
    }
  }

  private static byte[] parseDottedQuad(String literal) {
    String[] parts = literal.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("need four parts");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      boolean digits = part.chars().allMatch(c -> c >= '0' && c <= '9');
      if (part.isEmpty() || part.length() > 3 || !digits) {
        throw new IllegalArgumentException("bad part");
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw new IllegalArgumentException("part > 255");
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  static String format(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      return "unresolved:" + address.getPort();
    }
    String host = ip.getHostAddress();
    return ip instanceof Inet6Address
        ? "[" + host + "]:" + address.getPort()
        : host + ":" + address.getPort();
  }

  static String format(List<InetSocketAddress> addresses) {
    StringBuilder result = new StringBuilder();
    for (InetSocketAddress address : addresses) {
      if (result.length() > 0) {
        result.append(", ");
      }
      result.append(format(address));
    }
    return result.length() == 0 ? "no address" : result.toString();
  }
}

package io.gust.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okio.Buffer;

/** Encodes the requests a SOCKS5 client sends: CONNECT (RFC 1928 §4) and RFC 1929's login. */
final class Socks5Requests {
  private Socks5Requests() {}

  /**
   * The CONNECT request for {@code host:port}: an IP literal as an address, anything else as a
   * name for the proxy to resolve.
   */
  static Buffer connect(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    Buffer request = new Buffer().writeByte(5).writeByte(1).writeByte(0);
    InetAddress literal = literalOrNull(host);
    if (literal != null) {
      request.writeByte(literal instanceof Inet4Address ? 1 : 4).write(literal.getAddress());
    } else {
      byte[] name = asciiName(host);
      request.writeByte(3).writeByte(name.length).write(name);
    }
    return request.writeShort(port);
  }

  /** RFC 1929's username/password request, or null when both are null. */
  static Buffer auth(String username, String password) {
    if (username == null && password == null) {
      return null;
    }
    if (username == null || password == null) {
      throw new IllegalArgumentException("give both a SOCKS5 username and password, or neither");
    }
    byte[] user = username.getBytes(StandardCharsets.UTF_8);
    byte[] pass = password.getBytes(StandardCharsets.UTF_8);
    if (user.length == 0 || user.length > 255 || pass.length > 255) {
      throw new IllegalArgumentException(
          "a SOCKS5 username must be 1 to 255 bytes and a password at most 255 bytes");
    }
    return new Buffer().writeByte(1).writeByte(user.length).write(user)
        .writeByte(pass.length).write(pass);
  }

  /** The address an IP literal stands for; null for anything that is not one (a name). */
  static InetAddress literalOrNull(String host) {
    boolean maybeLiteral = host.indexOf(':') >= 0 || host.chars().allMatch(
        c -> c == '.' || (c >= '0' && c <= '9'));
    if (!maybeLiteral) {
      return null;
    }
    try {
      return SocketAddresses.parseLiteral(host);
    } catch (IllegalArgumentException e) {
      if (host.indexOf(':') >= 0) {
        throw e;
      }
      return null;
    }
  }

  /** A host name as the proxy gets it: 1 to 255 printable ASCII characters. */
  static byte[] asciiName(String host) {
    if (host.isEmpty() || host.length() > 255 || !host.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "a SOCKS5 host name must be 1 to 255 printable ASCII characters (punycode for IDNs)");
    }
    return host.getBytes(StandardCharsets.US_ASCII);
  }
}

package io.gust.net;

import io.gust.net.SocksException.Failure;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;

/**
 * Opens a tunnel through a SOCKS4 proxy over a stream already connected to it, with the SOCKS4a
 * extension for host names: a name goes to the proxy, which resolves it. Loop-confined and
 * non-blocking; the future, errors, cancellation and buffered origin bytes behave as {@link
 * Socks5Handshake}'s. SOCKS4 has no IPv6 and no authentication beyond a user ID.
 *
 * <p>Steps: connect → open; it can fail instead. The reply is read exactly, never more.
 */
public final class Socks4aHandshake extends SocksNegotiation {
  private static final int GRANTED = 90;
  private static final int REPLY_BYTES = 8;

  private final Buffer request;

  private Socks4aHandshake(ChannelStream stream, Buffer request) {
    super(stream, "SOCKS4");
    this.request = request;
  }

  /**
   * Asks the proxy at the other end of {@code toProxy} for a tunnel to {@code host:port}; loop
   * thread only. {@code userId} is sent as the request's user ID (empty when null).
   *
   * @throws IllegalArgumentException for an IPv6 literal, a host name longer than 255 bytes or
   *     not ASCII, a port outside 1 to 65535, or a user ID longer than 255 bytes or holding NUL
   */
  public static CompletableFuture<ChannelStream> start(ChannelStream toProxy, String host,
      int port, String userId) {
    toProxy.loop().checkInLoop("Socks4aHandshake.start");
    return new Socks4aHandshake(toProxy, request(host, port, userId)).run();
  }

  static Buffer request(String host, int port, String userId) {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    byte[] user = userId == null ? new byte[0] : userId.getBytes(StandardCharsets.UTF_8);
    if (user.length > 255 || userId != null && userId.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a SOCKS4 user ID must be at most 255 bytes, without NUL");
    }
    Buffer request = new Buffer().writeByte(4).writeByte(1).writeShort(port);
    InetAddress literal = Socks5Requests.literalOrNull(host);
    if (literal != null && !(literal instanceof Inet4Address)) {
      throw new IllegalArgumentException("SOCKS4 cannot reach an IPv6 address: " + host);
    }
    if (literal != null) {
      return request.write(literal.getAddress()).write(user).writeByte(0);
    }
    // SOCKS4a: the address 0.0.0.x (x not 0) says that the name follows the user ID.
    return request.write(new byte[] {0, 0, 0, 1}).write(user).writeByte(0)
        .write(Socks5Requests.asciiName(host)).writeByte(0);
  }

  @Override
  void begin() {
    send(request);
    read("connect", REPLY_BYTES, this::replied);
  }

  private void replied(Buffer reply) {
    int version = reply.getByte(0) & 0xff;
    int code = reply.getByte(1) & 0xff;
    if (version != 0) {
      fail(wrongVersion(version, 0));
    } else if (code == GRANTED) {
      opened();
    } else if (code >= 91 && code <= 93) {
      fail(SocksException.socks4Reply(code));
    } else {
      fail(SocksException.of(Failure.MALFORMED_REPLY,
          "SOCKS4 proxy replied with unknown code " + code));
    }
  }
}

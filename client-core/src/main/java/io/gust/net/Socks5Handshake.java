package io.gust.net;

import io.gust.net.SocksException.Failure;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;

/**
 * Opens a tunnel through a SOCKS5 proxy (RFC 1928) over a stream already connected to it, with
 * username/password authentication (RFC 1929) when credentials are given. Loop-confined and
 * non-blocking: every step is a read or write on the stream.
 *
 * <p>A host name is sent as a name (address type 3), so the proxy resolves it and no lookup
 * happens here; an IP literal is sent as an IPv4 or IPv6 address. The future completes on the
 * loop with the same stream once the proxy reported the tunnel open; bytes the origin sent in the
 * same packet as that reply stay buffered in the stream for its next read. It fails with a {@link
 * SocksException} when the proxy refuses or breaks the protocol, or with the stream's own error
 * when the connection fails; either way the stream is closed. There is no timer here: the
 * caller's connect deadline closes the stream or cancels the future, and cancelling (from any
 * thread) closes the stream.
 *
 * <p>Steps: method selection → username/password (only when the proxy chose it) → connect →
 * open; any step can fail instead. Each step reads exactly the proxy's reply, never more.
 */
public final class Socks5Handshake extends SocksNegotiation {
  private static final int VERSION = 5;
  private static final int AUTH_VERSION = 1;
  private static final int METHOD_NONE = 0;
  private static final int METHOD_PASSWORD = 2;
  private static final int NO_ACCEPTABLE = 0xff;
  private static final int ATYP_IPV4 = 1;
  private static final int ATYP_DOMAIN = 3;
  private static final int ATYP_IPV6 = 4;

  /** The CONNECT request, built before anything is sent so that bad input fails at the call. */
  private final Buffer connectRequest;
  /** The RFC 1929 request, or null when no credentials were given. */
  private final Buffer authRequest;

  private Socks5Handshake(ChannelStream stream, Buffer connectRequest, Buffer authRequest) {
    super(stream, "SOCKS5");
    this.connectRequest = connectRequest;
    this.authRequest = authRequest;
  }

  /**
   * Asks the proxy at the other end of {@code toProxy} for a tunnel to {@code host:port}; loop
   * thread only. {@code username} and {@code password} are both null (no authentication offered)
   * or both given (username/password offered beside no authentication); each is at most 255 bytes
   * of UTF-8, and the username not empty.
   *
   * @throws IllegalArgumentException for a host name longer than 255 bytes or not ASCII, a port
   *     outside 1 to 65535, or credentials the protocol cannot carry
   */
  public static CompletableFuture<ChannelStream> start(ChannelStream toProxy, String host,
      int port, String username, String password) {
    toProxy.loop().checkInLoop("Socks5Handshake.start");
    Buffer connect = Socks5Requests.connect(host, port);
    Buffer auth = Socks5Requests.auth(username, password);
    return new Socks5Handshake(toProxy, connect, auth).run();
  }

  @Override
  void begin() {
    Buffer greeting = new Buffer().writeByte(VERSION);
    if (authRequest == null) {
      greeting.writeByte(1).writeByte(METHOD_NONE);
    } else {
      greeting.writeByte(2).writeByte(METHOD_NONE).writeByte(METHOD_PASSWORD);
    }
    send(greeting);
    read("method selection", 2, this::methodChosen);
  }

  private void methodChosen(Buffer reply) {
    int version = reply.getByte(0) & 0xff;
    int method = reply.getByte(1) & 0xff;
    if (version != VERSION) {
      fail(wrongVersion(version, VERSION));
    } else if (method == NO_ACCEPTABLE) {
      fail(SocksException.of(Failure.NO_ACCEPTABLE_METHOD,
          "SOCKS5 proxy accepted none of the offered authentication methods"
              + (authRequest == null ? " (only no authentication was offered)" : "")));
    } else if (method == METHOD_NONE) {
      if (checkNothingMore()) {
        requestConnect();
      }
    } else if (method == METHOD_PASSWORD && authRequest != null) {
      if (checkNothingMore()) {
        send(authRequest);
        read("username/password", 2, this::authReplied);
      }
    } else {
      fail(SocksException.of(Failure.MALFORMED_REPLY,
          "SOCKS5 proxy chose authentication method " + method + ", which was not offered"));
    }
  }

  private void authReplied(Buffer reply) {
    int version = reply.getByte(0) & 0xff;
    int status = reply.getByte(1) & 0xff;
    if (version != AUTH_VERSION) {
      fail(wrongVersion(version, AUTH_VERSION));
    } else if (status != 0) {
      fail(SocksException.of(Failure.AUTH_FAILED,
          "SOCKS5 proxy rejected the username and password (status " + status + ")"));
    } else if (checkNothingMore()) {
      requestConnect();
    }
  }

  private void requestConnect() {
    send(connectRequest);
    read("connect", 4, this::connectReplied);
  }

  /** The reply's first four bytes: version, reply code, reserved, address type. */
  private void connectReplied(Buffer head) {
    int version = head.getByte(0) & 0xff;
    int code = head.getByte(1) & 0xff;
    int addressType = head.getByte(3) & 0xff;
    if (version != VERSION) {
      fail(wrongVersion(version, VERSION));
    } else if (code != 0) {
      fail(SocksException.reply(code));
    } else if (addressType == ATYP_IPV4) {
      read("connect", 4 + 2, bound -> opened());
    } else if (addressType == ATYP_IPV6) {
      read("connect", 16 + 2, bound -> opened());
    } else if (addressType == ATYP_DOMAIN) {
      read("connect", 1, length -> read("connect", (length.getByte(0) & 0xff) + 2,
          bound -> opened()));
    } else {
      fail(SocksException.of(Failure.MALFORMED_REPLY,
          "SOCKS5 proxy replied with unknown address type " + addressType));
    }
  }
}

package io.gust.net;

import io.gust.net.SocksException.Failure;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>States: GREETING → AUTH (only when the proxy chose username/password) → CONNECT → OPEN; any
 * state before OPEN → FAILED. Each step reads exactly the proxy's reply, never more.
 */
public final class Socks5Handshake {
  private static final Logger log = LoggerFactory.getLogger(Socks5Handshake.class);
  private static final int VERSION = 5;
  private static final int AUTH_VERSION = 1;
  private static final int METHOD_NONE = 0;
  private static final int METHOD_PASSWORD = 2;
  private static final int NO_ACCEPTABLE = 0xff;
  private static final int ATYP_IPV4 = 1;
  private static final int ATYP_DOMAIN = 3;
  private static final int ATYP_IPV6 = 4;

  enum State { GREETING, AUTH, CONNECT, OPEN, FAILED }

  private final CompletableFuture<ChannelStream> result = new CompletableFuture<>();
  private final ChannelStream stream;
  /** The CONNECT request, built before anything is sent so that bad input fails at the call. */
  private final Buffer connectRequest;
  /** The RFC 1929 request, or null when no credentials were given. */
  private final Buffer authRequest;
  private State state = State.GREETING;

  private Socks5Handshake(ChannelStream stream, Buffer connectRequest, Buffer authRequest) {
    this.stream = stream;
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
    Socks5Handshake handshake = new Socks5Handshake(toProxy, connect, auth);
    handshake.result.whenComplete((stream, error) -> {
      if (handshake.result.isCancelled()) {
        handshake.cancelled();
      }
    });
    handshake.greet();
    return handshake.result;
  }

  private void greet() {
    Buffer greeting = new Buffer().writeByte(VERSION);
    if (authRequest == null) {
      greeting.writeByte(1).writeByte(METHOD_NONE);
    } else {
      greeting.writeByte(2).writeByte(METHOD_NONE).writeByte(METHOD_PASSWORD);
    }
    send(greeting);
    read(2, this::methodChosen);
  }

  private void methodChosen(Buffer reply) {
    int version = reply.getByte(0) & 0xff;
    int method = reply.getByte(1) & 0xff;
    if (version != VERSION) {
      fail(wrongVersion("method selection", version, VERSION));
    } else if (method == NO_ACCEPTABLE) {
      fail(SocksException.of(Failure.NO_ACCEPTABLE_METHOD,
          "SOCKS5 proxy accepted none of the offered authentication methods"
              + (authRequest == null ? " (none offered but no authentication)" : "")));
    } else if (method == METHOD_NONE || (method == METHOD_PASSWORD && authRequest != null)) {
      if (checkNothingMore("method selection")) {
        state = method == METHOD_NONE ? State.CONNECT : State.AUTH;
        send(method == METHOD_NONE ? connectRequest : authRequest);
        read(method == METHOD_NONE ? 4 : 2,
            method == METHOD_NONE ? this::connectReplied : this::authReplied);
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
      fail(wrongVersion("username/password", version, AUTH_VERSION));
    } else if (status != 0) {
      fail(SocksException.of(Failure.AUTH_FAILED,
          "SOCKS5 proxy rejected the username and password (status " + status + ")"));
    } else if (checkNothingMore("username/password")) {
      state = State.CONNECT;
      send(connectRequest);
      read(4, this::connectReplied);
    }
  }

  /** The reply's first four bytes: version, reply code, reserved, address type. */
  private void connectReplied(Buffer head) {
    int version = head.getByte(0) & 0xff;
    int code = head.getByte(1) & 0xff;
    int addressType = head.getByte(3) & 0xff;
    if (version != VERSION) {
      fail(wrongVersion("connect", version, VERSION));
    } else if (code != 0) {
      fail(SocksException.reply(code));
    } else if (addressType == ATYP_IPV4) {
      read(4 + 2, this::opened);
    } else if (addressType == ATYP_IPV6) {
      read(16 + 2, this::opened);
    } else if (addressType == ATYP_DOMAIN) {
      read(1, length -> read((length.getByte(0) & 0xff) + 2, this::opened));
    } else {
      fail(SocksException.of(Failure.MALFORMED_REPLY,
          "SOCKS5 proxy replied with unknown address type " + addressType));
    }
  }

  /** The bound address and port arrived: the tunnel is open. */
  private void opened(Buffer boundAddress) {
    state = State.OPEN;
    log.debug("SOCKS5 tunnel open through {}", stream);
    result.complete(stream);
  }

  private void send(Buffer data) {
    stream.write(data.clone()).whenComplete((ignored, error) -> {
      if (error != null) {
        fail(error);
      }
    });
  }

  /** Reads exactly {@code byteCount} bytes, then hands them to {@code next} unless failed. */
  private void read(long byteCount, Consumer<Buffer> next) {
    stream.readBytes(byteCount).whenComplete((bytes, error) -> {
      if (state == State.FAILED || result.isDone()) {
        return;
      }
      if (error == null) {
        next.accept(bytes);
      } else if (StreamClosedException.isPeerClose(error)) {
        fail(SocksException.of(Failure.TRUNCATED_REPLY, "SOCKS5 proxy closed the connection"
            + " before its " + state.name().toLowerCase(Locale.ROOT) + " reply was complete"));
      } else {
        fail(error);
      }
    });
  }

  /**
   * The proxy may not speak again until it has the next request, so bytes already buffered after
   * a negotiation reply are a protocol error; false (after failing) when there are some.
   */
  private boolean checkNothingMore(String step) {
    long extra = stream.bufferedBytes();
    if (extra == 0) {
      return true;
    }
    fail(SocksException.of(Failure.OVERSIZED_REPLY,
        "SOCKS5 proxy sent " + extra + " bytes after its " + step + " reply"));
    return false;
  }

  private static SocksException wrongVersion(String step, int version, int expected) {
    return SocksException.of(Failure.WRONG_VERSION, "SOCKS5 proxy's " + step + " reply has version "
        + version + ", expected " + expected + " (is it a SOCKS5 proxy?)");
  }

  /** The one failure path: the first failure wins, closes the stream and fails the future. */
  private void fail(Throwable cause) {
    if (state == State.FAILED || state == State.OPEN) {
      return;
    }
    state = State.FAILED;
    log.debug("SOCKS5 handshake through {} failed: {}", stream, cause.toString());
    stream.close();
    result.completeExceptionally(cause);
  }

  /** Closes the stream from whichever thread cancelled; a closed loop closed it already. */
  private void cancelled() {
    try {
      stream.loop().execute(() -> {
        if (state != State.OPEN) {
          fail(new CancellationException("SOCKS5 handshake cancelled"));
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("loop closed before the SOCKS5 handshake's cancellation ran", e);
    }
  }
}

package io.gust.net;

import io.gust.client.SourceAddress;
import io.gust.loop.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens TCP connections on an event loop, trying a host's addresses in Happy Eyeballs order
 * (RFC 8305) within one connect timeout.
 *
 * <p>Immutable and thread-safe: one connector serves every loop. {@link #connect} may be called
 * from any thread; its future completes on the loop thread with a {@link TcpConnection}, or fails
 * with {@link ConnectTimeoutException} or {@link ConnectFailedException}. Cancelling the future
 * aborts every attempt. No socket outlives a failed, timed-out or cancelled connect, or the loop.
 * Sockets get TCP_NODELAY; SO_KEEPALIVE is off by default, since the kernel's default probe
 * interval (two hours) is far longer than a pool keeps idle connections.
 */
public final class TcpConnector {
  /** The default connection attempt delay, as RFC 8305 recommends. */
  public static final Duration DEFAULT_ATTEMPT_DELAY = Duration.ofMillis(250);
  /** The shortest attempt delay allowed, as RFC 8305 requires. */
  public static final Duration MIN_ATTEMPT_DELAY = Duration.ofMillis(10);

  private final Duration attemptDelay;
  private final boolean keepAlive;
  /** Null: the system chooses the local address and port. */
  private final SourceAddress sourceAddress;

  private TcpConnector(Builder builder) {
    this.attemptDelay = builder.attemptDelay;
    this.keepAlive = builder.keepAlive;
    this.sourceAddress = builder.sourceAddress;
  }

  /** A connector with the default settings. */
  public static TcpConnector create() {
    return builder().build();
  }

  /** A builder for a connector with its own attempt delay or keep-alive setting. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to one of {@code addresses} (resolved, in the resolver's order; they are reordered
   * to alternate address families) on {@code loop}, giving up after {@code connectTimeout} (none
   * when it is too long to count in nanoseconds, as {@code ChronoUnit.FOREVER}'s is).
   * When the loop is closed the future fails with {@link ConnectFailedException}. With a
   * {@link Builder#sourceAddress source address}, only addresses of its families are tried, and
   * the future fails with {@link BindFailedException} when none is left or binding fails.
   */
  public CompletableFuture<TcpConnection> connect(EventLoop loop, List<InetSocketAddress> addresses,
      Duration connectTimeout) {
    return connect(loop, addresses, connectTimeout, ConnectObserver.NONE);
  }

  /** As {@link #connect(EventLoop, List, Duration)}, telling {@code observer} of each address. */
  public CompletableFuture<TcpConnection> connect(EventLoop loop, List<InetSocketAddress> addresses,
      Duration connectTimeout, ConnectObserver observer) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(observer, "observer");
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no address to connect to");
    }
    for (InetSocketAddress address : addresses) {
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("unresolved address: " + address.getHostString());
      }
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout <= 0: " + connectTimeout);
    }
    List<InetSocketAddress> reachable = addresses;
    if (sourceAddress != null) {
      try {
        reachable = LocalBinder.reachable(sourceAddress, addresses);
      } catch (BindFailedException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    HappyEyeballs race = new HappyEyeballs(loop, happyEyeballsOrder(reachable), attemptDelay,
        connectTimeout, keepAlive, sourceAddress, observer);
    try {
      loop.execute(race::start);
    } catch (RejectedExecutionException e) {
      race.result.completeExceptionally(
          new ConnectFailedException("event loop closed", List.of(), e));
    }
    return race.result;
  }

  /**
   * The socket address for an IP literal such as {@code 127.0.0.1} or {@code ::1}, without any
   * name lookup; for callers that have no resolver yet.
   *
   * @throws IllegalArgumentException when {@code ip} is not an IP literal
   */
  public static InetSocketAddress literalAddress(String ip, int port) {
    return new InetSocketAddress(SocketAddresses.parseLiteral(ip), port);
  }

  /**
   * Orders addresses as RFC 8305 §4 asks: alternating families, starting with the family of the
   * first address, keeping the given order within each family.
   */
  static List<InetSocketAddress> happyEyeballsOrder(List<InetSocketAddress> addresses) {
    Class<?> firstFamily = addresses.get(0).getAddress().getClass();
    List<InetSocketAddress> first = new ArrayList<>();
    List<InetSocketAddress> other = new ArrayList<>();
    for (InetSocketAddress address : addresses) {
      (address.getAddress().getClass() == firstFamily ? first : other).add(address);
    }
    List<InetSocketAddress> ordered = new ArrayList<>(addresses.size());
    for (int i = 0; i < Math.max(first.size(), other.size()); i++) {
      if (i < first.size()) {
        ordered.add(first.get(i));
      }
      if (i < other.size()) {
        ordered.add(other.get(i));
      }
    }
    return ordered;
  }

  /** Settings for a {@link TcpConnector}. */
  public static final class Builder {
    private Duration attemptDelay = DEFAULT_ATTEMPT_DELAY;
    private boolean keepAlive;
    private SourceAddress sourceAddress;

    private Builder() {}

    /**
     * How long an attempt may run before the next address is tried alongside it; default 250 ms,
     * at least 10 ms.
     */
    public Builder attemptDelay(Duration delay) {
      if (delay.compareTo(MIN_ATTEMPT_DELAY) < 0) {
        throw new IllegalArgumentException("attemptDelay < " + MIN_ATTEMPT_DELAY + ": " + delay);
      }
      this.attemptDelay = delay;
      return this;
    }

    /** Whether sockets get SO_KEEPALIVE; default false. */
    public Builder keepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    /** The local address (and port range) sockets are bound to; null (the default) for none. */
    public Builder sourceAddress(SourceAddress sourceAddress) {
      this.sourceAddress = sourceAddress;
      return this;
    }

    /** A connector with these settings. */
    public TcpConnector build() {
      return new TcpConnector(this);
    }
  }
}

package io.gust.net;

import io.gust.client.SourceAddress;
import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import io.gust.loop.IoHandler;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connect operation: staggered attempts to a host's addresses, in the order given, until one
 * connects (RFC 8305 §5). Loop-confined, except that the result may be cancelled from anywhere.
 *
 * <p>The first attempt starts at once. The next starts when the latest attempt has not finished
 * within the attempt delay, or as soon as any attempt fails, so that a refused address costs no
 * waiting. Attempts already running keep going while later ones start: a slow first address can
 * still win. The first to connect wins and every other attempt is closed. One deadline timer
 * bounds the whole operation; one stagger timer, rescheduled for each new attempt, paces them.
 *
 * <p>With a source address every attempt's socket is bound before it connects; a bind failure
 * ends the whole operation at once, since every other attempt would fail the same way.
 *
 * <p>States: CONNECTING → CONNECTED (an attempt won) or CONNECTING → FAILED (all attempts
 * failed, the deadline passed, the result was cancelled, or the loop closed). Leaving
 * CONNECTING cancels both timers and closes every attempt but the winner.
 */
final class HappyEyeballs {
  private static final Logger log = LoggerFactory.getLogger(HappyEyeballs.class);
  /** The winner's handler until a stream takes the channel over: its interest set is empty. */
  private static final IoHandler PARKED = key -> { };
  /** Longer connect timeouts (such as {@code ChronoUnit.FOREVER}'s) mean no limit: no timer. */
  private static final Duration LONGEST_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

  enum State { CONNECTING, CONNECTED, FAILED }

  final CompletableFuture<TcpConnection> result = new CompletableFuture<>();
  private final EventLoop loop;
  private final List<InetSocketAddress> addresses;
  private final Duration attemptDelay;
  private final Duration timeout;
  private final boolean keepAlive;
  /** Null: the system chooses the local end. */
  private final SourceAddress sourceAddress;
  /** Told of each address tried, as it starts and ends. */
  private final ConnectObserver observer;
  private final List<Attempt> running = new ArrayList<>(2);
  /** Why each finished attempt failed, in the order they failed. */
  private final List<IOException> failures = new ArrayList<>(2);
  private State state = State.CONNECTING;
  private int nextIndex;
  private Cancellable staggerTimer;
  private Cancellable deadlineTimer;

  HappyEyeballs(EventLoop loop, List<InetSocketAddress> addresses, Duration attemptDelay,
      Duration timeout, boolean keepAlive, SourceAddress sourceAddress,
      ConnectObserver observer) {
    this.loop = loop;
    this.sourceAddress = sourceAddress;
    this.addresses = addresses;
    this.attemptDelay = attemptDelay;
    this.timeout = timeout;
    this.keepAlive = keepAlive;
    this.observer = observer;
    result.whenComplete((connection, error) -> {
      if (result.isCancelled()) {
        abort();
      }
    });
  }

  /** Starts the first attempt; runs on the loop. */
  void start() {
    if (result.isDone()) {
      state = State.FAILED;
      return;
    }
    if (loop.isClosed()) {
      fail(new ConnectFailedException("event loop closed", List.of(), null));
      return;
    }
    if (timeout.compareTo(LONGEST_TIMEOUT) <= 0) {
      deadlineTimer = loop.schedule(timeout, this::onDeadline);
    }
    startNext();
  }

  private void startNext() {
    cancelTimer(staggerTimer);
    staggerTimer = null;
    while (state == State.CONNECTING && nextIndex < addresses.size()) {
      InetSocketAddress address = addresses.get(nextIndex++);
      Attempt attempt;
      observer.connectStarted(address);
      try {
        attempt = new Attempt(address);
      } catch (BindFailedException e) {
        fail(e);
        return;
      } catch (IOException e) {
        log.debug("connect to {} failed at once: {}", SocketAddresses.format(address),
            e.toString());
        observer.connectFailed(address, e);
        failures.add(e);
        continue;
      }
      running.add(attempt);
      if (attempt.connected) {
        succeed(attempt);
      } else if (nextIndex < addresses.size()) {
        staggerTimer = loop.schedule(attemptDelay, this::startNext);
      }
      return;
    }
    if (state == State.CONNECTING && running.isEmpty()) {
      fail(new ConnectFailedException("connect failed", tried(), null));
    }
  }

  private void onAttemptFailed(Attempt attempt, IOException cause) {
    log.debug("connect to {} failed: {}", SocketAddresses.format(attempt.address),
        cause.toString());
    running.remove(attempt);
    attempt.close();
    observer.connectFailed(attempt.address, cause);
    failures.add(cause);
    startNext();
  }

  private void succeed(Attempt winner) {
    state = State.CONNECTED;
    running.remove(winner);
    stopEverything();
    winner.park();
    observer.connectSucceeded(winner.address);
    TcpConnection connection = new TcpConnection(loop, winner.channel, winner.address);
    log.debug("connected to {} after {} attempt(s)", SocketAddresses.format(winner.address),
        nextIndex);
    if (!result.complete(connection)) {
      winner.close();
    }
  }

  private void onDeadline() {
    fail(new ConnectTimeoutException(timeout, tried()));
  }

  private void abort() {
    if (loop.inLoop()) {
      fail(new CancellationException("connect cancelled"));
      return;
    }
    try {
      loop.execute(this::abort);
    } catch (RejectedExecutionException e) {
      // The loop closes every registered channel, and every attempt is registered.
      log.debug("connect cancelled after its loop closed");
    }
  }

  /** The one failure path: first call wins, the rest are ignored. */
  private void fail(Throwable cause) {
    if (state != State.CONNECTING) {
      return;
    }
    state = State.FAILED;
    stopEverything();
    failures.forEach(cause::addSuppressed);
    result.completeExceptionally(cause);
  }

  private void stopEverything() {
    cancelTimer(staggerTimer);
    cancelTimer(deadlineTimer);
    for (Attempt attempt : running) {
      attempt.close();
      if (observer != ConnectObserver.NONE) {
        observer.connectFailed(attempt.address, new IOException("connect abandoned: "
            + (state == State.CONNECTED ? "another address connected first" : "connect ended")));
      }
    }
    running.clear();
  }

  private List<InetSocketAddress> tried() {
    return addresses.subList(0, nextIndex);
  }

  private static void cancelTimer(Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  /** One non-blocking connect to one address. */
  private final class Attempt implements IoHandler {
    final InetSocketAddress address;
    final SocketChannel channel;
    final SelectionKey key;
    /** True when connect() finished at once (possible on loopback). */
    final boolean connected;

    Attempt(InetSocketAddress address) throws IOException {
      this.address = address;
      this.channel = openChannel(address);
      try {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, keepAlive);
        channel.configureBlocking(false);
        if (sourceAddress != null) {
          LocalBinder.bind(channel, sourceAddress, address);
        }
        connected = channel.connect(address);
        key = loop.register(channel, connected ? 0 : SelectionKey.OP_CONNECT, this);
      } catch (IOException | RuntimeException e) {
        SocketTransport.closeQuietly(channel);
        throw e;
      }
    }

    private SocketChannel openChannel(InetSocketAddress address) throws IOException {
      boolean v6 = address.getAddress() instanceof Inet6Address;
      try {
        return SocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
      } catch (UnsupportedOperationException e) {
        throw new IOException((v6 ? "IPv6" : "IPv4") + " is not supported here", e);
      }
    }

    @Override
    public void onReady(SelectionKey readyKey) {
      if (state != State.CONNECTING) {
        return;
      }
      boolean done;
      try {
        done = channel.finishConnect();
      } catch (IOException e) {
        onAttemptFailed(this, e);
        return;
      }
      if (done) {
        succeed(this);
      }
    }

    @Override
    public void onFailure(Throwable cause) {
      fail(new ConnectFailedException("event loop closed", tried(), cause));
    }

    void park() {
      key.interestOps(0);
      key.attach(PARKED);
    }

    void close() {
      key.cancel();
      SocketTransport.closeQuietly(channel);
    }
  }
}

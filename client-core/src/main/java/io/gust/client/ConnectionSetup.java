package io.gust.client;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.net.ConnectTimeoutException;
import io.gust.net.TcpConnection;
import io.gust.net.TlsHandshakeException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a new connection for an {@link Exchange}: resolves the host, connects, and for https runs
 * the TLS handshake, all within one connect deadline (as curl's connect timeout covers DNS, TCP
 * and TLS). Loop-confined.
 *
 * <p>The socket goes where the client's connect-to rules send the request's host and port, over
 * the address families the fetch allows; TLS always names the request's host.
 *
 * <p>Phases: DNS → CONNECT → TLS (https only), then the stream goes to the exchange. The deadline
 * is armed once, at the start, and fails the exchange with an {@link FetchTimeoutException} naming
 * the phase it interrupted; an unlimited connect timeout ({@link Timeouts#NONE}) arms none. The
 * connector gets what the lookup left of the timeout, and the TLS options' own handshake timeout
 * applies too, whichever is shorter. Every step checks that the exchange is still connecting, so
 * a late result after a failure or cancel only closes what it brought.
 */
final class ConnectionSetup {
  private final Exchange exchange;
  private final Fetch fetch;
  private final HttpRequest request;
  private final ClientContext context;
  private final TimingRecorder timings;
  private final EventLoop loop;
  private final Duration timeout;
  /** The families the connection may use. */
  private final AddressFamily family;
  private final long startNanos;
  /** Written on the loop; volatile so a cancel from another thread sees the phase. */
  private volatile Phase phase = Phase.DNS;
  /** The connect deadline; null when unlimited, fired or cancelled. */
  private Cancellable deadline;

  ConnectionSetup(Exchange exchange) {
    this.exchange = exchange;
    this.fetch = exchange.fetch;
    this.request = exchange.request;
    this.context = exchange.context;
    this.timings = exchange.timings;
    this.loop = context.loop;
    this.timeout = context.config.connectTimeout(request);
    this.family = context.config.addressFamily(request);
    this.startNanos = loop.nanoTime();
  }

  /** DNS, CONNECT or TLS: the step in progress. */
  Phase phase() {
    return phase;
  }

  void start() {
    if (!Timeouts.isUnlimited(timeout)) {
      deadline = loop.schedule(timeout, this::deadlineReached);
    }
    InetSocketAddress target =
        context.config.connectTo.target(request.host(), request.port());
    String host = target.getHostString();
    timings.dnsStart(host);
    CompletableFuture<List<InetSocketAddress>> resolving = context.config.resolver
        .resolve(loop, host, target.getPort(), family);
    exchange.connection.opening(resolving);
    // A resolver should complete on the loop, but one that does not must not make the rest of
    // the set-up run elsewhere: continue on the loop, whatever thread completed the lookup.
    resolving.whenComplete((addresses, error) ->
        exchange.onLoop(() -> resolved(host, addresses, error)));
  }

  /** The connect deadline fired. */
  private void deadlineReached() {
    deadline = null;
    exchange.fail(new FetchTimeoutException(request, phase, timeout));
  }

  /** Disarms the deadline; idempotent. */
  void cancel() {
    if (deadline != null) {
      deadline.cancel();
      deadline = null;
    }
  }

  private void resolved(String host, List<InetSocketAddress> addresses, Throwable error) {
    if (!exchange.isConnecting()) {
      return;
    }
    timings.dnsEnd(host, error == null ? addresses : null);
    List<InetSocketAddress> allowed = error == null ? allowed(addresses) : List.of();
    if (error != null || allowed.isEmpty()) {
      exchange.fail(error != null ? error : new UnknownHostException(
          "no " + family + " address for " + request.host()));
      return;
    }
    phase = Phase.CONNECT;
    CompletableFuture<TcpConnection> connecting =
        context.config.connector.connect(loop, allowed, remaining(), timings);
    exchange.connection.opening(connecting);
    connecting.whenComplete((tcp, failure) -> exchange.onLoop(() -> connected(tcp, failure)));
  }

  /** The addresses of the allowed family, in case the resolver ignored it. */
  private List<InetSocketAddress> allowed(List<InetSocketAddress> addresses) {
    if (family == AddressFamily.ANY) {
      return addresses;
    }
    List<InetSocketAddress> allowed = new ArrayList<>(addresses.size());
    for (InetSocketAddress address : addresses) {
      if (family.accepts(address.getAddress())) {
        allowed.add(address);
      }
    }
    return allowed;
  }

  /** What the deadline leaves, at least a nanosecond; the whole timeout when unlimited. */
  private Duration remaining() {
    if (Timeouts.isUnlimited(timeout)) {
      return timeout;
    }
    return Duration.ofNanos(Math.max(1, timeout.toNanos() - (loop.nanoTime() - startNanos)));
  }

  private void connected(TcpConnection tcp, Throwable error) {
    if (!exchange.isConnecting()) {
      if (tcp != null) {
        tcp.openStream().close();
      }
      return;
    }
    timings.connectEnd();
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof ConnectTimeoutException) {
      exchange.fail(Failures.connectTimeout((ConnectTimeoutException) cause, request, timeout));
    } else if (cause != null) {
      exchange.fail(cause);
    } else if (request.isHttps()) {
      phase = Phase.TLS;
      timings.tlsStart(request.host());
      CompletableFuture<ChannelStream> handshaking =
          tcp.openTlsStream(context.tls(), request.host());
      exchange.connection.opening(handshaking);
      handshaking.whenComplete((tls, failure) -> exchange.onLoop(() -> handshaken(tls, failure)));
    } else {
      timings.noTls();
      cancel();
      exchange.connected(tcp.openStream());
    }
  }

  private void handshaken(ChannelStream tls, Throwable error) {
    if (!exchange.isConnecting()) {
      if (tls != null) {
        tls.close();
      }
      return;
    }
    cancel();
    timings.tlsEnd(request.host(), error == null);
    Throwable cause = Failures.unwrap(error);
    if (cause instanceof TlsHandshakeException) {
      exchange.fail(Failures.tls((TlsHandshakeException) cause, request,
          context.tls().handshakeTimeout()));
    } else if (cause != null) {
      exchange.fail(cause);
    } else {
      exchange.connected(tls);
    }
  }
}

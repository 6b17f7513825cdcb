package io.gust.client;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import io.gust.net.ChannelStream;
import io.gust.net.Socks4aHandshake;
import io.gust.net.Socks5Handshake;
import io.gust.net.ConnectTimeoutException;
import io.gust.net.TcpConnection;
import io.gust.net.TlsHandshakeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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
 * <p>Through a proxy, the socket goes to the proxy instead, and a proxy step comes between
 * CONNECT and TLS: a {@link ProxyTunnel} for an HTTP(S) proxy, {@link #socksTunnel} for SOCKS5
 * and SOCKS4a. Failures to reach the proxy are {@link ProxyException}s; when the proxy is one of
 * a selector's answers, the fetch is told which to try next ({@link Fetch#proxyUnreachable}),
 * and the set-up through that one continues this one's deadline.
 *
 * <p>Phases: DNS → CONNECT → [PROXY] → TLS (https only), then the stream goes to the exchange.
 * The deadline is armed once, at the start, and fails the exchange with an {@link
 * FetchTimeoutException} naming the phase it interrupted; an unlimited connect timeout ({@link
 * Timeouts#NONE}) arms none. The connector gets what the lookup left of the timeout, and the TLS
 * options' own handshake timeout applies too, whichever is shorter. Every step checks that the
 * exchange is still connecting, so a late result after a failure or cancel only closes what it
 * brought.
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
  /** The proxy the connection goes through; {@link Proxy#NONE} when direct. */
  private final Proxy proxy;
  /** The proxy's addresses, for a fresh connection after a 407; null when direct. */
  private List<InetSocketAddress> proxyAddresses;
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
    this.proxy = exchange.connection.host.origin.proxy;
    this.startNanos = fetch.connectStartNanos(loop.nanoTime());
  }

  /** DNS, CONNECT, PROXY or TLS: the step in progress. */
  Phase phase() {
    return phase;
  }

  void start() {
    if (!Timeouts.isUnlimited(timeout)) {
      deadline = loop.schedule(remaining(), this::deadlineReached);
    }
    InetSocketAddress target = proxy.isDirect()
        ? context.config.connectTo.target(request.host(), request.port())
        : proxyTarget();
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
    proxyUnreachable(new SocketTimeoutException("connect timeout reaching the proxy"));
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
      exchange.fail(viaProxy(error != null ? error : new UnknownHostException(
          "no " + family + " address for " + request.host())));
      return;
    }
    if (!proxy.isDirect()) {
      proxyAddresses = allowed;
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
      proxyUnreachable(cause);
      exchange.fail(Failures.connectTimeout((ConnectTimeoutException) cause, request, timeout));
    } else if (cause != null) {
      exchange.fail(viaProxy(cause));
    } else if (!proxy.isDirect()) {
      throughProxy(tcp);
    } else if (request.isHttps()) {
      phase = Phase.TLS;
      timings.tlsStart(request.host());
      CompletableFuture<ChannelStream> handshaking =
          tcp.openTlsStream(context.tls(exchange.connection.host.origin), request.host());
      exchange.connection.opening(handshaking);
      handshaking.whenComplete((tls, failure) -> exchange.onLoop(() -> handshaken(tls, failure)));
    } else {
      timings.noTls();
      cancel();
      exchange.connected(tcp.openStream());
    }
  }

  /**
   * A failure to reach the proxy, said so, with the fetch told of the proxy to try next, if any;
   * anything else, or any failure when direct, as is.
   */
  private Throwable viaProxy(Throwable cause) {
    proxyUnreachable(Failures.unwrap(cause));
    if (proxy.isDirect()) {
      return cause;
    }
    Throwable failure = ProxyFailures.reaching(cause, request, proxy);
    if (failure instanceof ProxyException && proxy.fallback() != null) {
      fetch.proxyUnreachable(proxy.fallback(), startNanos);
    }
    return failure;
  }

  /**
   * Tells whoever chose the proxy (a selector) that it could not be reached, when the set-up
   * failed while resolving or connecting to it.
   */
  private void proxyUnreachable(Throwable cause) {
    if (!proxy.isDirect() && (phase == Phase.DNS || phase == Phase.CONNECT)) {
      proxy.unreachable(request.uri(),
          cause instanceof IOException ? (IOException) cause : new IOException(cause));
    }
  }

  /** The proxy's host and port, unresolved. */
  private InetSocketAddress proxyTarget() {
    return InetSocketAddress.createUnresolved(proxy.host(), proxy.port());
  }

  /** Connected to the proxy: its step, then TLS with the origin for https. */
  private void throughProxy(TcpConnection tcp) {
    phase = Phase.PROXY;
    timings.proxyStart(proxyTarget());
    if (proxy.isSocks()) {
      socksTunnel(tcp);
      return;
    }
    ProxyTunnel tunnel = new ProxyTunnel(exchange, proxy,
        () -> context.config.connector.connect(loop, proxyAddresses, remaining()));
    exchange.connection.opening(tunnel.result);
    tunnel.result.whenComplete((stream, error) -> exchange.onLoop(() -> tunnelled(stream, error)));
    tunnel.start(tcp);
  }

  /**
   * The SOCKS step over {@code tcp}, a connection to the proxy this method now owns: the proxy
   * is given the origin's name, or, for a proxy that does not resolve names, the first address
   * the client's resolver finds for it.
   */
  private void socksTunnel(TcpConnection tcp) {
    ChannelStream stream = tcp.openStream();
    if (proxy.resolvesNames()) {
      socksHandshake(stream, request.host());
      return;
    }
    CompletableFuture<List<InetSocketAddress>> resolving = context.config.resolver
        .resolve(loop, request.host(), request.port(), family);
    exchange.connection.opening(resolving);
    resolving.whenComplete((addresses, error) -> exchange.onLoop(() -> {
      List<InetSocketAddress> allowed = error == null ? allowed(addresses) : List.of();
      if (!exchange.isConnecting() || allowed.isEmpty()) {
        stream.close();
        if (exchange.isConnecting()) {
          Throwable cause = error != null ? Failures.unwrap(error) : new UnknownHostException(
              "no " + family + " address for " + request.host());
          exchange.fail(ProxyFailures.proxy("cannot resolve host " + request.host()
              + " for the SOCKS proxy", request, proxy, 0, cause));
        }
        return;
      }
      socksHandshake(stream, allowed.get(0).getAddress().getHostAddress());
    }));
  }

  private void socksHandshake(ChannelStream stream, String host) {
    boolean v5 = proxy.type() == Proxy.Type.SOCKS5;
    String version = v5 ? "SOCKS5" : "SOCKS4a";
    CompletableFuture<ChannelStream> handshake;
    try {
      handshake = v5
          ? Socks5Handshake.start(stream, host, request.port(), proxy.user(), proxy.password())
          : Socks4aHandshake.start(stream, host, request.port(), proxy.user());
    } catch (IllegalArgumentException e) {
      stream.close();
      tunnelled(null, ProxyFailures.proxy(version + " cannot carry this request: "
          + e.getMessage(), request, proxy, 0, e));
      return;
    }
    exchange.connection.opening(handshake);
    handshake.whenComplete((tunnel, error) -> exchange.onLoop(() -> tunnelled(tunnel,
        error == null ? null : ProxyFailures.proxy(version + " handshake failed: "
            + Failures.unwrap(error).getMessage(), request, proxy, 0, Failures.unwrap(error)))));
  }

  /** The proxy step ended: the stream is ready for the request, or for TLS with the origin. */
  private void tunnelled(ChannelStream stream, Throwable error) {
    if (!exchange.isConnecting()) {
      if (stream != null) {
        stream.close();
      }
      return;
    }
    timings.proxyEnd(proxyTarget(), error == null);
    if (error != null) {
      exchange.fail(Failures.unwrap(error));
    } else if (request.isHttps()) {
      phase = Phase.TLS;
      timings.tlsStart(request.host());
      CompletableFuture<ChannelStream> handshaking =
          stream.startTls(context.tls(exchange.connection.host.origin), request.host(),
              request.port());
      exchange.connection.opening(handshaking);
      handshaking.whenComplete((tls, failure) -> exchange.onLoop(() -> handshaken(tls, failure)));
    } else {
      timings.noTls();
      cancel();
      exchange.connected(stream);
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

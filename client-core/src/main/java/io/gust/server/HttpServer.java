package io.gust.server;

import io.gust.client.TlsOptions;
import io.gust.client.WebSocketOptions;
import io.gust.http.CodecLimits;
import io.gust.loop.EventLoop;
import io.gust.loop.EventLoopGroup;
import io.gust.loop.LoopOwnership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A minimal HTTP/1.1 and HTTP/2 server on Gust event loops: routes, keep-alive, pipelining,
 * chunked bodies both ways, {@code Expect: 100-continue}, size and time limits, HTTPS when given
 * {@link Builder#tls(TlsOptions) TLS options}, and {@link Builder#http2(boolean) HTTP/2} (h2 by
 * ALPN, h2c by prior knowledge) with the same routes and handlers.
 *
 * <pre>{@code
 * try (HttpServer server = HttpServer.builder()
 *     .get("/hello", request -> Response.ok("hello\n"))
 *     .build()
 *     .start()) {
 *   URI uri = server.url("/hello");
 * }
 * }</pre>
 *
 * <p>{@link Builder#websocket(String, WebSocketHandler) WebSocket routes} answer an upgrade
 * request with 101 and hand the connection to a {@link WebSocketSession} on the same loop.
 *
 * <p>A client that ends its output after its requests (a half close) is still answered, in
 * order, then the connection closes. While a request is handled the server keeps reading, so a
 * handler learns at once that its client ended its output or hung up: see {@link
 * Request#clientGone()} and {@link AsyncHandler}.
 *
 * <p>Against clients that hold connections: a request head must arrive whole within {@link
 * Builder#headTimeout} of its first byte, and a head or body that stalls for {@link
 * Builder#bodyReadTimeout} is answered 408. A request refused before its body was read (404 or
 * 405, checked before the body's size) and every error answer (400, 408, 413, 431, 501) close the
 * connection: the server reads and discards what is still arriving for at most 200 ms and 1 MiB,
 * so that the answer is not lost to a reset, then closes.
 *
 * <p>It accepts on one loop and hands connections round-robin to the loops of its group (by
 * default one loop of its own, which it closes). Each connection stays on its loop, where its
 * synchronous handlers run. {@link #start()} and {@link #close()} block and refuse to run on a
 * loop thread; the accessors may be called from any thread. States: NEW → STARTED → CLOSED, and
 * NEW → CLOSED for a server closed unstarted.
 */
public final class HttpServer implements AutoCloseable {
  private final InetSocketAddress bindAddress;
  private final Duration shutdownTimeout;
  private final ServerContext context;
  private final LoopOwnership loops;
  private final EventLoop acceptLoop;
  enum State { NEW, STARTED, CLOSED }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private volatile Acceptor acceptor;
  private volatile InetSocketAddress localAddress;

  private HttpServer(Builder builder) {
    this.bindAddress = new InetSocketAddress(builder.bindAddress, builder.port);
    this.shutdownTimeout = builder.shutdownTimeout;
    this.context = new ServerContext(new Router(builder.routes), builder.limits,
        builder.idleTimeout.toNanos(), builder.headTimeout.toNanos(),
        builder.bodyReadTimeout.toNanos(), builder.serverName,
        Http2Alpn.offerH2(builder.tls, builder.http2), builder.http2,
        builder.maxConcurrentStreams);
    this.loops = builder.loops != null ? builder.loops : LoopOwnership.owned();
    this.acceptLoop = loops.loops().get(0);
  }

  /** A builder with no routes, bound to 127.0.0.1 on an ephemeral port. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Blocks until the server is bound and accepting; returns this server. Throws {@link
   * UncheckedIOException} when the address cannot be bound (the server is then closed).
   */
  public HttpServer start() {
    checkNotOnLoop("start");
    if (!state.compareAndSet(State.NEW, State.STARTED)) {
      throw new IllegalStateException("already " + state.get().name().toLowerCase());
    }
    try {
      Acceptor bound = new Acceptor(acceptLoop, loops.loops(), context, bindAddress);
      localAddress = bound.localAddress();
      acceptor = bound;
      CompletableFuture<Void> registered = new CompletableFuture<>();
      acceptLoop.execute(() -> {
        try {
          bound.register();
          registered.complete(null);
        } catch (IOException | RuntimeException e) {
          registered.completeExceptionally(e);
        }
      });
      registered.join();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot bind " + bindAddress, e);
    }
    return this;
  }

  /** The bound port; only after {@link #start()}. */
  public int port() {
    return address().getPort();
  }

  /** The bound address; only after {@link #start()}. */
  public InetSocketAddress address() {
    InetSocketAddress address = localAddress;
    if (address == null) {
      throw new IllegalStateException("not started");
    }
    return address;
  }

  /** Whether this server speaks HTTPS. */
  public boolean isHttps() {
    return context.tls != null;
  }

  /**
   * {@code http://host:port} (or {@code https://} for a TLS server) plus {@code path}, which must
   * start with {@code /}. The host is the bound IP address.
   */
  public URI url(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
    InetSocketAddress address = address();
    String host = address.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create((isHttps() ? "https://" : "http://") + host + ":" + address.getPort() + path);
  }

  /** Connections accepted since the server started. */
  public long acceptedConnections() {
    return context.accepted.get();
  }

  /** Connections open now. */
  public int openConnections() {
    return context.connections.size();
  }

  /**
   * Blocks until the server stopped: it stops accepting, closes idle connections, lets exchanges
   * in flight finish until the shutdown timeout, then closes every connection (and its own loop).
   * Idempotent.
   */
  @Override
  public void close() {
    checkNotOnLoop("close");
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    new ServerShutdown(context).run(acceptLoop, acceptor, shutdownTimeout);
    loops.close();
  }

  private void checkNotOnLoop(String action) {
    if (EventLoop.current() != null) {
      throw new IllegalStateException(action + " blocks and must not run on a loop thread");
    }
  }

  @Override
  public String toString() {
    InetSocketAddress address = localAddress;
    return "HttpServer{" + (address == null ? "unbound" : address) + "}";
  }

  /** Settings and routes for an {@link HttpServer}; not thread-safe. */
  public static final class Builder {
    /** The loops given to {@code loop} or {@code loopGroup}; null for a loop of its own. */
    private LoopOwnership loops;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private final List<Route> routes = new ArrayList<>();
    private CodecLimits limits = CodecLimits.SERVER;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration headTimeout = Duration.ofSeconds(60);
    private Duration bodyReadTimeout = Duration.ofSeconds(30);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private String serverName = "gust";
    private TlsOptions tls;
    private boolean http2 = true;
    private int maxConcurrentStreams = 100;

    private Builder() {}

    /** Runs the server on {@code loop}, which the server does not close. */
    public Builder loop(EventLoop loop) {
      this.loops = LoopOwnership.borrowed(loop);
      return this;
    }

    /** Accepts on the group's first loop and spreads connections over all its loops. */
    public Builder loopGroup(EventLoopGroup group) {
      this.loops = LoopOwnership.borrowed(group);
      return this;
    }

    /** The address to bind; default the loopback address. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The port to bind; default 0, an ephemeral port (read it with {@link #port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port not in [0, 65535]: " + port);
      }
      this.port = port;
      return this;
    }

    /** Adds a GET route; see {@link #route(String, String, Handler)}. */
    public Builder get(String path, Handler handler) {
      return route("GET", path, handler);
    }

    /** Adds a GET route for a regular expression; see {@link #route(String, Pattern, Handler)}. */
    public Builder get(Pattern path, Handler handler) {
      return route("GET", path, handler);
    }

    /**
     * Adds a synchronous route. {@code path} matches exactly, or as a prefix when it ends in
     * {@code /*}. {@code method} "*" matches every method. Routes match in the order added.
     */
    public Builder route(String method, String path, Handler handler) {
      routes.add(Route.of(method, path, Objects.requireNonNull(handler, "handler"), null));
      return this;
    }

    /** Adds a synchronous route whose regular expression must match the whole path. */
    public Builder route(String method, Pattern path, Handler handler) {
      routes.add(Route.of(method, path, Objects.requireNonNull(handler, "handler"), null));
      return this;
    }

    /** Adds an asynchronous route; paths as in {@link #route(String, String, Handler)}. */
    public Builder routeAsync(String method, String path, AsyncHandler handler) {
      routes.add(Route.of(method, path, null, Objects.requireNonNull(handler, "handler")));
      return this;
    }

    /** Adds an asynchronous route for a regular expression. */
    public Builder routeAsync(String method, Pattern path, AsyncHandler handler) {
      routes.add(Route.of(method, path, null, Objects.requireNonNull(handler, "handler")));
      return this;
    }

    /**
     * Adds a WebSocket route in the pull style: a GET of {@code path} (as in {@link
     * #route(String, String, Handler)}) that asks to upgrade is answered 101 and {@code handler}
     * pulls messages with {@link WebSocketSession#receive()}; one that does not is answered 400
     * (426 for a WebSocket version other than 13).
     */
    public Builder websocket(String path, WebSocketHandler handler) {
      return websocket(path, WebSocketOptions.DEFAULT, handler);
    }

    /** Adds a WebSocket route in the pull style with {@code options}. */
    public Builder websocket(String path, WebSocketOptions options, WebSocketHandler handler) {
      return webSocketRoute(path, new WebSocketRoute(
          Objects.requireNonNull(handler, "handler"), null, Objects.requireNonNull(options)));
    }

    /** Adds a WebSocket route whose sessions report to {@code listener}, the callback style. */
    public Builder websocket(String path, WebSocketListener listener) {
      return websocket(path, WebSocketOptions.DEFAULT, listener);
    }

    /** Adds a WebSocket route in the callback style with {@code options}. */
    public Builder websocket(String path, WebSocketOptions options, WebSocketListener listener) {
      return webSocketRoute(path, new WebSocketRoute(
          null, Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(options)));
    }

    private Builder webSocketRoute(String path, WebSocketRoute route) {
      routes.add(Route.webSocket(path, route));
      return this;
    }

    /** Adds the shared test routes of {@link TestRoutes} with their defaults. */
    public Builder testRoutes() {
      TestRoutes.install(this);
      return this;
    }

    /** The most bytes of a request line plus header fields; more is answered with 431. */
    public Builder maxHeaderBytes(int bytes) {
      this.limits = limits.withMaxHeadBytes(bytes);
      return this;
    }

    /** The largest request body; more is answered with 413. Default 10 MiB. */
    public Builder maxBodyBytes(long bytes) {
      this.limits = limits.withMaxBodyBytes(bytes);
      return this;
    }

    /** How long a connection may wait for its next request; default 60 s. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * How long a client may take to send a whole request head, counted from its first byte, as
     * nginx's {@code client_header_timeout}; past it the request is answered 408 and the
     * connection closed. Default 60 s.
     */
    public Builder headTimeout(Duration timeout) {
      this.headTimeout = positive(timeout, "headTimeout");
      return this;
    }

    /**
     * How long a request may stall between bytes of its head or body, as nginx's {@code
     * client_body_timeout}; a stalled request is answered 408 and the connection closed. Default
     * 30 s.
     */
    public Builder bodyReadTimeout(Duration timeout) {
      this.bodyReadTimeout = positive(timeout, "bodyReadTimeout");
      return this;
    }

    /** How long {@link HttpServer#close()} lets exchanges in flight finish; default 5 s. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The {@code Server} field value; default "gust". */
    public Builder serverName(String name) {
      this.serverName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Serves HTTPS: every accepted connection first completes a TLS handshake with these options,
     * whose context must hold the server's key and certificate (and which set whether clients
     * must present certificates). A failed handshake closes the connection.
     */
    public Builder tls(TlsOptions options) {
      this.tls = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Whether the server speaks HTTP/2 besides HTTP/1.1; default true. Over TLS it then offers
     * {@code h2} by ALPN ahead of {@code http/1.1} (when the options' ALPN list names {@code
     * http/1.1}); on a plain connection it answers a client that opens with the HTTP/2 preface
     * (h2c by prior knowledge; there is no {@code Upgrade: h2c}). A client that asks for neither
     * speaks HTTP/1.1 as before. Handlers see the version only in {@link Request#protocol()}.
     */
    public Builder http2(boolean enabled) {
      this.http2 = enabled;
      return this;
    }

    /**
     * The most requests one HTTP/2 connection may have in flight
     * (SETTINGS_MAX_CONCURRENT_STREAMS); a stream beyond it is refused with REFUSED_STREAM, which
     * a client may retry. Default 100.
     */
    public Builder maxConcurrentStreams(int streams) {
      if (streams < 1) {
        throw new IllegalArgumentException("maxConcurrentStreams must be positive: " + streams);
      }
      this.maxConcurrentStreams = streams;
      return this;
    }

    /** Shorthand for {@link #tls(TlsOptions)} with {@code context} and default options. */
    public Builder tls(SSLContext context) {
      return tls(TlsOptions.builder().sslContext(context).build());
    }

    /** Creates the server; call {@link HttpServer#start()} to bind it. */
    public HttpServer build() {
      return new HttpServer(this);
    }

    private static Duration positive(Duration timeout, String name) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + timeout);
      }
      return timeout;
    }
  }
}

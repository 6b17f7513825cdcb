package io.gust.client;

import io.gust.http.CodecLimits;
import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import io.gust.loop.EventLoopGroup;
import io.gust.loop.LoopOwnership;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLContext;

/**
 * An asynchronous HTTP/1.1 client on Gust's event loops, with a keep-alive connection pool, a
 * FIFO queue when its connection limit is reached, redirects, decompression, timeouts and
 * cancellation.
 *
 * <p>Thread-safe: {@link #fetch} may be called from any thread. Futures complete and callbacks
 * run on the loop thread that carried the fetch, unless the builder was given a callback
 * executor; code that runs there must not block. Build one client and share it: it owns its
 * connections and, unless given a loop or group, its loop.
 *
 * <p>{@link #close()} cancels queued and in-flight fetches ({@link
 * RequestCancelledException#isClientClosed()}), closes every connection and the loop it created
 * (never one it was given). Fetches after close are cancelled at once.
 *
 * <p>Cancellation has one model in both styles. A fetch cancelled by its caller (the future's
 * {@code cancel}, the callback handle's {@code cancel}) or by {@link #close()} reports a {@link
 * RequestCancelledException} saying in which phase it stopped and whether the close did it. A
 * {@link FetchCallback} receives it in {@code onFailure}; a future completes as cancelled ({@code
 * isCancelled()} is true, {@code get} and {@code join} throw a {@link
 * java.util.concurrent.CancellationException}) and that exception's cause is the {@link
 * RequestCancelledException}. A request timeout is not a cancellation: both styles see a {@link
 * io.gust.client.FetchTimeoutException}.
 *
 * <p>Decompressed responses keep their Content-Encoding and Content-Length fields as received
 * (they describe the wire); {@link HttpResponse#body()} holds the decoded bytes.
 */
public final class AsyncHttpClient implements AutoCloseable {
  private final LoopOwnership loops;
  private final Partitions partitions;
  private final ClientConfig config;
  private volatile boolean closed;

  private AsyncHttpClient(Builder builder) {
    this.loops = builder.loops != null ? builder.loops : LoopOwnership.owned();
    this.config = new ClientConfig(builder, FileThreads.executor());
    this.partitions = new Partitions(loops.loops(), config, builder.maxConnections,
        builder.maxConnectionsPerHost);
  }

  /** A client with the defaults: its own loop, 64 connections, 10 s connect, 60 s request. */
  public static AsyncHttpClient create() {
    return builder().build();
  }

  /** A builder for a client with its own settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Fetches {@code url} with GET; throws IllegalArgumentException for a bad URL. */
  public CompletableFuture<HttpResponse> fetch(String url) {
    return fetch(HttpRequest.get(url));
  }

  /**
   * Sends {@code request} and completes the future with the response once its body has arrived,
   * or with an {@link HttpClientException} saying in which phase it failed. Cancelling the
   * future aborts the fetch; a cancelled fetch completes the future as cancelled, with the
   * {@link RequestCancelledException} as the cause of its CancellationException. The future completes on the loop thread (or the callback executor);
   * {@code get} and {@code join} refuse to block a loop thread.
   */
  public CompletableFuture<HttpResponse> fetch(HttpRequest request) {
    ResponseFuture future = new ResponseFuture();
    future.attach(submit(request, Reply.toFuture(request, future, config.callbackExecutor), null));
    return future;
  }

  /**
   * Sends {@code request} and hands the final response's body to {@code sink} (a file, nowhere, a
   * stream the caller reads) instead of collecting it; the future completes, with an empty {@code
   * body()}, once the sink is done with it. Throws IllegalStateException for a sink already used.
   */
  public CompletableFuture<HttpResponse> fetch(HttpRequest request, BodySink sink) {
    Objects.requireNonNull(sink, "sink");
    ResponseFuture future = new ResponseFuture();
    future.attach(submit(request, Reply.toFuture(request, future, config.callbackExecutor), sink));
    return future;
  }

  /**
   * Sends {@code request} and tells {@code callback} how it ended, exactly once. The handle
   * cancels it from any thread, which the callback hears as a {@link RequestCancelledException},
   * as it does a close of the client.
   */
  public Cancellable fetch(HttpRequest request, FetchCallback callback) {
    Objects.requireNonNull(callback, "callback");
    return submit(request, Reply.toCallback(request, callback, config.callbackExecutor), null);
  }

  /**
   * Blocks until {@code request} has been answered, then returns the response; for code that is
   * allowed to block, such as a thread per request or a virtual thread (Java 21+). A failure is
   * thrown as the typed {@link HttpClientException} a future would hold, not wrapped.
   *
   * <p>Interrupting the waiting thread cancels the fetch (its connection is closed and its slot
   * freed): the call then throws {@link RequestCancelledException} with the thread's interrupt
   * flag set again. The wait holds no monitor, so a virtual thread unmounts from its carrier while
   * it waits. Throws IllegalStateException on a loop thread, which must never block.
   */
  public HttpResponse send(HttpRequest request) throws HttpClientException {
    EventLoop loop = EventLoop.current();
    if (loop != null) {
      throw new IllegalStateException("send blocks, and loop thread " + loop.name()
          + " must not block; use fetch, which returns a future");
    }
    ResponseFuture future = new ResponseFuture();
    Call call = submit(request, Reply.toFuture(request, future, config.callbackExecutor), null);
    future.attach(call);
    return BlockingWait.await(future, call, request);
  }

  /** Opens a WebSocket to {@code url} (ws, wss, http or https) in the pull style, with the default options. */
  public CompletableFuture<WebSocket> websocket(String url) {
    return websocket(WebSocket.request(url).build(), WebSocketOptions.DEFAULT, null);
  }

  /**
   * Opens a WebSocket with the opening handshake {@code request} (a GET of an http or https URI;
   * {@link WebSocket#request(String)} maps ws and wss URLs) and returns a future of it once the
   * server's 101 answer passed every check. The handshake is a fetch: its header fields,
   * timeouts, proxy, TLS settings and the client's cookies and authentication apply. With a
   * {@code listener} (may be null) messages are pushed to it, else pulled with {@link
   * WebSocket#receive()}. The future, the listener and the WebSocket's futures complete on the
   * loop thread (not the callback executor); cancelling the future aborts the handshake.
   */
  public CompletableFuture<WebSocket> websocket(HttpRequest request, WebSocketOptions options,
      WebSocket.Listener listener) {
    Objects.requireNonNull(options, "options");
    return WebSocketConnect.start(this, config.withDefaultHeaders(Objects.requireNonNull(request,
        "request")), options, listener);
  }

  /** Starts the fetch of a WebSocket handshake, answering {@code callback} on the loop. */
  Call submitWebSocket(HttpRequest handshake, FetchCallback callback) {
    return submitFetch(handshake, Reply.toCallback(handshake, callback, null), null);
  }

  /** Starts a call: the default fields added, through the application interceptors if any. */
  private Call submit(HttpRequest request, Reply reply, BodySink sink) {
    Objects.requireNonNull(request, "request");
    HttpRequest withDefaults = config.withDefaultHeaders(request);
    if (config.interceptors.isEmpty()) {
      return submitFetch(withDefaults, reply, sink);
    }
    EventLoop loop = partitions.pick().loop;
    if (sink != null) {
      sink.claim(loop, config.fileExecutor);
    }
    Duration timeout = config.requestTimeout(withDefaults);
    InterceptedCall call = new InterceptedCall(this, withDefaults, reply, sink,
        config.interceptors, loop, timeout);
    if (closed) {
      call.finish(null, new RequestCancelledException(withDefaults, Phase.QUEUE, true));
    } else if (loop.inLoop()) {
      call.start();
    } else {
      try {
        loop.execute(call::start);
      } catch (RejectedExecutionException e) {
        call.finish(null, new RequestCancelledException(withDefaults, Phase.QUEUE, true));
      }
    }
    return call;
  }

  /** Starts one fetch of {@code request} (redirects and retries included) on a partition. */
  Fetch submitFetch(HttpRequest request, Reply reply, BodySink sink) {
    LoopClient partition = partitions.pick();
    if (sink != null) {
      sink.claim(partition.loop, config.fileExecutor);
    }
    Fetch fetch = new Fetch(partition, request, reply, sink);
    if (closed) {
      fetch.failClientClosed();
    } else {
      partition.submitFromAnyThread(fetch);
    }
    return fetch;
  }

  /** This client's partitions, one per loop; for tests in this package. */
  List<LoopClient> partitions() {
    return partitions.all();
  }

  /** The loops this client runs on (its own, or those it was given), for their stats. */
  public List<EventLoop> loops() {
    return loops.loops();
  }

  /**
   * Takes a snapshot of the pool on every loop; the future completes once each loop answered.
   * Any thread may call it.
   */
  public CompletableFuture<PoolSnapshot> poolSnapshot() {
    return partitions.snapshot();
  }

  /**
   * Fails every queued and in-flight fetch, closes every connection and the loop this client
   * created; idempotent. Blocks until each loop has done so, unless called on one of them.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    partitions.shutdown();
    loops.close();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Collects a client's settings; every one has a default. Not thread-safe. Durations must be
   * positive (the read timeout may be zero: off); {@link Timeouts#NONE} is no limit.
   */
  public static final class Builder {
    /** The loops given to {@code loop} or {@code loopGroup}; null for a loop of its own. */
    LoopOwnership loops;
    Resolver resolver = new BlockingResolver();
    AddressFamily addressFamily = AddressFamily.ANY;
    final HashMap<String, InetSocketAddress> connectTo = new HashMap<>();
    int maxConnections = 64;
    int maxConnectionsPerHost = 64;
    Duration idleTimeout = Duration.ofSeconds(60);
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration requestTimeout = Duration.ofSeconds(60);
    Duration readTimeout = Duration.ZERO;
    boolean followRedirects = true;
    int maxRedirects = 5;
    boolean decompress = true;
    ContentCodings contentCodings = ContentCodings.DEFAULT;
    SourceAddress sourceAddress;
    String userAgent = "Gust/0.1";
    boolean raiseError;
    Executor callbackExecutor;
    int maxHeaderBytes = CodecLimits.CLIENT.maxHeadBytes();
    long maxBodyBytes = 64L * 1024 * 1024;
    TlsOptions tls;
    TlsOptions proxyTls;
    final Headers.Builder defaultHeaders = new Headers.Builder();
    final List<Interceptor> interceptors = new ArrayList<>();
    final List<Interceptor> networkInterceptors = new ArrayList<>();
    Authenticator authenticator;
    Authenticator proxyAuthenticator;
    CookieJar cookieJar;
    EventListener.Factory eventListenerFactory = ListenerCalls.NO_FACTORY;
    Proxy proxy = Proxy.NONE;
    List<Protocol> protocols = List.of(Protocol.HTTP_2, Protocol.HTTP_1_1);

    private Builder() {}

    /** Runs the client on {@code loop}, which the caller keeps owning (close does not close it). */
    public Builder loop(EventLoop loop) {
      this.loops = LoopOwnership.borrowed(loop);
      return this;
    }

    /**
     * Spreads fetches over {@code group}'s loops, round-robin (a fetch made on one of its loops
     * stays there). Each loop has its own pool and queue, and the connection limits are split
     * evenly between them (at least one per loop). The caller keeps owning the group.
     */
    public Builder loopGroup(EventLoopGroup group) {
      this.loops = LoopOwnership.borrowed(group);
      return this;
    }

    /**
     * The HTTP versions connections may speak; {@link Protocol#HTTP_2} and {@link
     * Protocol#HTTP_1_1} by default, as in curl, OkHttp and the JDK's client: https connections
     * offer {@code h2} and {@code http/1.1} in ALPN and speak what the server picks, and http
     * ones stay on HTTP/1.1 (there is no Upgrade). {@link Protocol#HTTP_1_1} alone never offers
     * {@code h2}. With {@link Protocol#HTTP_2} alone, http connections speak
     * HTTP/2 by prior knowledge (h2c) and https ones offer only {@code h2}. Over HTTP/2, fetches
     * to one origin share one connection, as many at once as the server allows.
     */
    public Builder protocols(Protocol... protocols) {
      this.protocols = HttpVersions.check(List.of(protocols));
      return this;
    }

    /** Resolves host names; {@link BlockingResolver} by default. The caller owns it. */
    public Builder resolver(Resolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Which address families new connections may use: {@link AddressFamily#ANY} (the default,
     * both, in Happy Eyeballs order), or IPv4 or IPv6 only, as Tornado's {@code allow_ipv6}. The
     * resolver is asked for that family only, and addresses of another are never tried. A request
     * may choose otherwise ({@link HttpRequest.Builder#addressFamily}).
     */
    public Builder addressFamily(AddressFamily family) {
      this.addressFamily = Objects.requireNonNull(family, "family");
      return this;
    }

    /**
     * Connects to {@code targetHost:targetPort} whenever a request is for {@code host:port}, as
     * curl's {@code --connect-to}: the request keeps its URL and Host field, and TLS still sends
     * and verifies {@code host}; only where the socket goes changes (the target is resolved by the
     * resolver). Redirects to the mapped origin are mapped too. IPv6 literals may be bracketed.
     */
    public Builder connectTo(String host, int port, String targetHost, int targetPort) {
      ConnectTo.add(connectTo, host, port, targetHost, targetPort);
      return this;
    }

    /**
     * Bounds both the fetches in flight and the sockets open (idle pooled ones included); more
     * fetches wait in a FIFO queue. 64 by default.
     */
    public Builder maxConnections(int max) {
      this.maxConnections = positive(max, "maxConnections");
      return this;
    }

    /** Bounds the sockets open to one origin (scheme, host, port). 64 by default. */
    public Builder maxConnectionsPerHost(int max) {
      this.maxConnectionsPerHost = positive(max, "maxConnectionsPerHost");
      return this;
    }

    /** How long a pooled connection may sit idle before it is closed; 60 s by default. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * The default limit on opening each connection, name lookup, TCP connect and TLS handshake
     * together; 10 s by default. Must be positive: {@link Timeouts#NONE} means no limit, and zero
     * is refused rather than read as "no limit".
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Timeouts.requirePositive(timeout, "connectTimeout");
      return this;
    }

    /**
     * The default deadline for a whole fetch, from the call to fetch to the last body byte: time
     * queued, DNS, connects, redirects and retries included. 60 s by default. Must be positive:
     * {@link Timeouts#NONE} means no limit, and zero is refused rather than read as "no limit".
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Timeouts.requirePositive(timeout, "requestTimeout");
      return this;
    }

    /** The default longest silence while waiting to read; zero (the default) turns it off. */
    public Builder readTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("readTimeout < 0: " + timeout);
      }
      this.readTimeout = timeout;
      return this;
    }

    /** Whether 301, 302, 303, 307 and 308 are followed; true by default. */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /** How many redirects one fetch may follow; 5 by default. */
    public Builder maxRedirects(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxRedirects < 0: " + max);
      }
      this.maxRedirects = max;
      return this;
    }

    /**
     * Whether to send {@code Accept-Encoding: gzip, deflate} and decode such bodies; true by
     * default. A request that sets its own Accept-Encoding gets its body as sent.
     */
    public Builder decompress(boolean decompress) {
      this.decompress = decompress;
      return this;
    }

    /**
     * Binds every outgoing connection to this local address (and port range); null, the
     * default, lets the system choose. A connection then uses only the host's addresses of the
     * source's families, and fails with {@link LocalBindException} when it cannot be bound.
     */
    public Builder sourceAddress(SourceAddress sourceAddress) {
      this.sourceAddress = sourceAddress;
      return this;
    }

    /**
     * Turns decompression on for exactly these codings, sent in this order in Accept-Encoding;
     * by default gzip and deflate. Use {@link ContentCoding#available()} for every coding this
     * JVM can decode.
     *
     * @throws IllegalStateException when br or zstd is asked for and its optional library is not
     *     on the class or module path; the message names the artifact to add
     */
    public Builder decompress(ContentCoding... codings) {
      this.contentCodings = ContentCodings.of(codings);
      this.decompress = true;
      return this;
    }

    /**
     * The User-Agent sent when a request sets none; {@code Gust/0.1} by default, null for none
     * (curl's {@code -H 'User-Agent:'}).
     */
    public Builder userAgent(String userAgent) {
      if (userAgent != null) {
        Headers.of("User-Agent", userAgent);
      }
      this.userAgent = userAgent;
      return this;
    }

    /** Whether a status of 400 or more fails the fetch with HttpStatusException; false by default. */
    public Builder raiseError(boolean raise) {
      this.raiseError = raise;
      return this;
    }

    /** Where futures complete and callbacks run, instead of the loop thread. */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The largest response head (status line and fields) accepted; 300 KiB by default, as in
     * curl. Each line may also be at most 100 KiB (or this limit, when smaller).
     */
    public Builder maxHeaderBytes(int bytes) {
      this.maxHeaderBytes = positive(bytes, "maxHeaderBytes");
      return this;
    }

    /**
     * The largest response body collected into memory, counted both as framed on the wire and
     * after decompression; 64 MiB by default. Bodies streamed to a body callback are not limited.
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes < 1: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * How {@code https} connections speak TLS: trust and client certificates, host name
     * verification, protocols, cipher suites, ALPN. Default {@link TlsOptions#defaults()}: the
     * JDK's trust store, host names verified, SNI sent, ALPN offering {@code http/1.1}. The
     * connect timeout bounds lookup, TCP connect and handshake together. As in curl, a body that
     * ends with the connection is complete even when the server skipped close_notify, unless the
     * options {@link TlsOptions.Builder#requireCloseNotify require close_notify}.
     */
    public Builder tls(TlsOptions options) {
      this.tls = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * How TLS with an HTTPS proxy ({@link Proxy#https}) is judged, apart from the origins' TLS
     * (curl's {@code --proxy-cacert}, {@code --proxy-insecure}): trust, host name verification,
     * client certificate. By default the proxy is judged as the origins are ({@link #tls}).
     * Whatever these options offer by ALPN, the proxy is offered only {@code http/1.1}.
     */
    public Builder proxyTls(TlsOptions options) {
      this.proxyTls = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Adds a field that every request carries unless it sets a field of the same name itself (the
     * request's own wins, whatever its value); several values of one name are all sent.
     * Interceptors see requests with these fields. A default {@code Authorization} is dropped on a
     * redirect to another origin, as a request's own is.
     */
    public Builder defaultHeader(String name, String value) {
      defaultHeaders.add(name, value);
      return this;
    }

    /**
     * Adds an interceptor that runs once per call, around its redirects and retries: it sees the
     * request as the caller made it (with the default fields) and the final response, and may
     * proceed more than once (to retry after refreshing a credential, say). Each proceed is a
     * fetch of its own, with its own request timeout.
     */
    public Builder addInterceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Adds an interceptor that runs once per network attempt: for each redirect hop and each retry
     * on a fresh connection, within the fetch's request timeout.
     */
    public Builder addNetworkInterceptor(Interceptor interceptor) {
      networkInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Answers 401 responses: the request it returns is sent (each challenge and answer is a
     * network attempt, within the fetch's deadline), null hands the 401 to the application. At
     * most {@link HttpAuthException#MAX_ATTEMPTS} answers per request, else {@link
     * HttpAuthException}. None by default; a request may have its own ({@link
     * HttpRequest.Builder#authenticator}). A request whose body is a one-shot producer cannot be
     * sent again, so its 401 goes to the application.
     */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * The proxy every request goes through unless it chooses its own ({@link
     * HttpRequest.Builder#proxy}); {@link Proxy#NONE}, direct, by default. The environment is
     * read only when asked ({@link Proxy#fromEnvironment()}). Proxy set-up counts against the
     * connect timeout.
     */
    public Builder proxy(Proxy proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * Answers 407 responses from a proxy, as {@link #authenticator} answers 401s: to a plain http
     * request sent through the proxy, and to the CONNECT that opens a tunnel for https. None by
     * default. Credentials in the {@link Proxy} itself are sent from the first request without
     * waiting for a challenge.
     */
    public Builder proxyAuthenticator(Authenticator authenticator) {
      this.proxyAuthenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * Keeps cookies in {@code jar}: before each request goes out (each redirect hop and each
     * answer to a challenge too) the jar's cookies for its URI join its {@code Cookie} field (the
     * request's own pairs first, and winning over the jar's of the same name), and the {@code
     * Set-Cookie} fields of every response (redirects and challenges included) go to the jar. The
     * jar is called on the loop thread. No jar by default: cookies are then neither sent nor kept.
     * HttpOnly cookies are sent (every request here is an HTTP request) and SameSite is kept as
     * data, not enforced: a client has no site that a request comes from to compare with.
     */
    public Builder cookieJar(CookieJar jar) {
      this.cookieJar = Objects.requireNonNull(jar, "jar");
      return this;
    }

    /**
     * Creates an {@link EventListener} for each call, which hears its steps on the loop thread;
     * by default there is none, at no cost.
     */
    public Builder eventListenerFactory(EventListener.Factory factory) {
      this.eventListenerFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Shorthand for {@link #tls} with {@code context}'s trust and key material, else defaults. */
    public Builder sslContext(SSLContext context) {
      return tls(TlsOptions.builder().sslContext(context).build());
    }

    /** Returns the client; it starts its own loop unless given one. */
    public AsyncHttpClient build() {
      return new AsyncHttpClient(this);
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " < 1: " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " <= 0: " + value);
      }
      return value;
    }
  }
}

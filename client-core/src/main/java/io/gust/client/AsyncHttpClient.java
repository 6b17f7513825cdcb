package io.gust.client;

import io.gust.http.CodecLimits;
import io.gust.http.Headers;
import io.gust.http.HttpClientException;
import io.gust.http.HttpRequest;
import io.gust.http.HttpResponse;
import io.gust.http.RequestCancelledException;
import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import io.gust.loop.EventLoopGroup;
import io.gust.loop.LoopOwnership;
import io.gust.net.BlockingResolver;
import io.gust.net.Resolver;
import io.gust.net.TlsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>{@link #close()} fails queued and in-flight fetches with a {@link RequestCancelledException}
 * ({@code isClientClosed()}), closes every connection and the loop it created (never one it was
 * given). Fetches after close fail at once.
 *
 * <p>Decompressed responses keep their Content-Encoding and Content-Length fields as received
 * (they describe the wire); {@link HttpResponse#body()} holds the decoded bytes.
 */
public final class AsyncHttpClient implements AutoCloseable {
  private final LoopOwnership loops;
  private final Partitions partitions;
  private final ExecutorService fileExecutor;
  private volatile boolean closed;

  private AsyncHttpClient(Builder builder) {
    this.fileExecutor = Executors.newFixedThreadPool(2, new FileThreads());
    this.loops = builder.loops != null ? builder.loops : LoopOwnership.owned();
    this.partitions = new Partitions(loops.loops(), new ClientConfig(builder, fileExecutor),
        builder.maxConnections, builder.maxConnectionsPerHost);
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
    return fetch(HttpRequest.get(url).build());
  }

  /**
   * Sends {@code request} and completes the future with the response once its body has arrived,
   * or with an {@link HttpClientException} saying in which phase it failed. Cancelling the
   * future aborts the fetch. The future completes on the loop thread (or the callback executor);
   * {@code get} and {@code join} refuse to block a loop thread.
   */
  public CompletableFuture<HttpResponse> fetch(HttpRequest request) {
    ResponseFuture future = new ResponseFuture();
    submit(request, future, null);
    return future;
  }

  /**
   * Sends {@code request} and tells {@code callback} how it ended, exactly once. The handle
   * cancels it, which the callback hears as a {@link RequestCancelledException}.
   */
  public Cancellable fetch(HttpRequest request, FetchCallback callback) {
    Objects.requireNonNull(callback, "callback");
    return submit(request, null, callback);
  }

  private Fetch submit(HttpRequest request, ResponseFuture future, FetchCallback callback) {
    Objects.requireNonNull(request, "request");
    LoopClient partition = partitions.pick();
    Fetch fetch = new Fetch(partition, request, future, callback);
    if (future != null) {
      future.attach(fetch);
    }
    if (closed) {
      fetch.failClientClosed();
    } else if (partition.loop.inLoop()) {
      partition.submit(fetch);
    } else {
      try {
        partition.loop.execute(fetch);
      } catch (RejectedExecutionException e) {
        fetch.failClientClosed();
      }
    }
    return fetch;
  }

  /** This client's partitions, one per loop; for tests in this package. */
  List<LoopClient> partitions() {
    return partitions.all();
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
    fileExecutor.shutdown();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Names the file reader threads and keeps them from holding the JVM open. */
  private static final class FileThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "gust-file-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  /**
   * Collects a client's settings; every one has a default. Not thread-safe. Durations must be
   * positive (the read timeout may be zero: off).
   */
  public static final class Builder {
    /** The loops given to {@code loop} or {@code loopGroup}; null for a loop of its own. */
    LoopOwnership loops;
    Resolver resolver = new BlockingResolver();
    int maxConnections = 64;
    int maxConnectionsPerHost = 64;
    Duration idleTimeout = Duration.ofSeconds(60);
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration requestTimeout = Duration.ofSeconds(60);
    Duration readTimeout = Duration.ZERO;
    boolean followRedirects = true;
    int maxRedirects = 5;
    boolean decompress = true;
    String userAgent = "Gust/0.1";
    boolean raiseError;
    Executor callbackExecutor;
    int maxHeaderBytes = CodecLimits.CLIENT.maxHeadBytes();
    long maxBodyBytes = 64L * 1024 * 1024;
    TlsOptions tls;

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

    /** Resolves host names; {@link BlockingResolver} by default. The caller owns it. */
    public Builder resolver(Resolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
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

    /** The default limit on each connection attempt; 10 s by default. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * The default deadline for a whole fetch, from the call to fetch to the last body byte: time
     * queued, DNS, connects, redirects and retries included. 60 s by default.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
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

    /** The largest response head (status line and fields) accepted; 64 KiB by default. */
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
     * connect timeout bounds TCP connect and handshake together. As in curl, a body that ends with
     * the connection is complete even when the server skipped close_notify.
     */
    public Builder tls(TlsOptions options) {
      this.tls = Objects.requireNonNull(options, "options");
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

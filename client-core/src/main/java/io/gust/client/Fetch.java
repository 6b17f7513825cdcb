package io.gust.client;

import io.gust.http.HttpClientException;
import io.gust.http.HttpTimeoutException;
import io.gust.http.HttpRequest;
import io.gust.http.HttpResponse;
import io.gust.http.HttpStatusException;
import io.gust.http.Phase;
import io.gust.http.RequestCancelledException;
import io.gust.http.Headers;
import io.gust.http.Timeouts;
import io.gust.http.TooManyRedirectsException;
import io.gust.loop.Cancellable;
import io.gust.net.AddressFamily;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical fetch, across its redirects and retries: one deadline, one result, reported once.
 * Loop-confined, except {@link #cancel()} and {@link #isCancelled()}, which any thread may call.
 *
 * <p>States: NEW → QUEUED ⇄ ACTIVE → DONE; NEW → ACTIVE; any state → DONE. ACTIVE means an
 * {@link Exchange} holds a connection; after a redirect or a retry the fetch goes back through
 * {@link LoopClient#acquire}. {@link #fail(Throwable)} is the one failure path: the first call
 * wins, cancels the deadline, aborts the exchange (closing its connection, freeing its slot) or
 * leaves the queue, and reports once.
 *
 * <p>As a {@link Runnable} a fetch does two jobs, to save an object per fetch: run while NEW it
 * submits itself to its loop partition; run later it is the request deadline firing.
 */
final class Fetch implements Runnable, Cancellable {
  private static final Logger log = LoggerFactory.getLogger(Fetch.class);

  enum State { NEW, QUEUED, ACTIVE, DONE }

  final LoopClient client;
  final HttpRequest original;
  private HttpRequest request;
  /** Exactly one of future and callback is set (neither on the list sentinel). */
  private final ResponseFuture future;
  private final FetchCallback callback;
  private final long startNanos;
  /** The wall-clock instant of the call to fetch, for the timings. */
  private final Instant startInstant;
  private final Duration requestTimeout;
  private State state = State.NEW;
  private volatile boolean cancelRequested;
  private volatile boolean done;
  private Cancellable deadline;
  private Exchange exchange;
  private long queuedAtNanos;
  private long queueNanos;
  /** DNS, connect and TLS handshake time of the connection that carried the last exchange. */
  long dnsNanos;
  long connectNanos;
  long tlsNanos;
  private int redirectCount;
  /** The head of the last redirect followed, body dropped; null before the first. */
  private HttpResponse previousHop;
  private int retryCount;
  /** Set for a retry: an idle pooled connection may be as stale as the one that failed. */
  private boolean freshOnly;
  Fetch prevLive = this;
  Fetch nextLive = this;

  Fetch(LoopClient client, HttpRequest request, ResponseFuture future, FetchCallback callback) {
    this.client = client;
    this.original = request;
    this.request = request;
    this.future = future;
    this.callback = callback;
    this.startNanos = client == null ? 0 : client.loop.nanoTime();
    this.startInstant = client == null ? null : Instant.now();
    this.requestTimeout = client == null ? null
        : orDefault(request.requestTimeout(), client.config.requestTimeout);
  }

  static Fetch sentinel() {
    return new Fetch(null, null, null, null);
  }

  HttpRequest request() {
    return request;
  }

  boolean isDone() {
    return state == State.DONE;
  }

  boolean needsFreshConnection() {
    return freshOnly;
  }

  int redirectCount() {
    return redirectCount;
  }

  HttpResponse previousHop() {
    return previousHop;
  }

  int retryCount() {
    return retryCount;
  }

  long startNanos() {
    return startNanos;
  }

  Instant startInstant() {
    return startInstant;
  }

  long queueNanos() {
    return queueNanos;
  }

  Duration connectTimeout() {
    return orDefault(request.connectTimeout(), client.config.connectTimeout);
  }

  /** The families this fetch's connections may use: the request's choice, else the client's. */
  AddressFamily addressFamily() {
    StandardProtocolFamily family = request.addressFamily();
    if (family == null) {
      return client.config.addressFamily;
    }
    return family == StandardProtocolFamily.INET6 ? AddressFamily.IPV6 : AddressFamily.IPV4;
  }

  Duration readTimeout() {
    return orDefault(request.readTimeout(), client.config.readTimeout);
  }

  /** Whether the client asks for and decodes compressed bodies: not when the caller set Accept-Encoding. */
  boolean decompress() {
    return orDefault(request.decompress(), client.config.decompress)
        && request.headers().get("Accept-Encoding") == null;
  }

  boolean expectContinue() {
    return Boolean.TRUE.equals(request.expectContinue()) && request.body() != null;
  }

  private boolean followRedirects() {
    return orDefault(request.followRedirects(), client.config.followRedirects);
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  @Override
  public void run() {
    if (state == State.NEW) {
      client.submit(this);
    } else if (state != State.DONE) {
      deadline = null;
      fail(new HttpTimeoutException(request, phase(), requestTimeout));
    }
  }

  /** Arms the deadline; called once the fetch is in its partition's live list. */
  void start() {
    if (Timeouts.isUnlimited(requestTimeout)) {
      if (cancelRequested) {
        fail(new RequestCancelledException(request, Phase.QUEUE, false));
      }
      return;
    }
    long remainingNanos = requestTimeout.toNanos() - (client.loop.nanoTime() - startNanos);
    if (cancelRequested) {
      fail(new RequestCancelledException(request, Phase.QUEUE, false));
    } else if (remainingNanos <= 0) {
      fail(new HttpTimeoutException(request, Phase.QUEUE, requestTimeout));
    } else {
      deadline = client.loop.scheduleNanos(remainingNanos, this);
    }
  }

  void queued() {
    state = State.QUEUED;
    queuedAtNanos = client.loop.nanoTime();
  }

  void startExchange(PooledConnection connection) {
    if (state == State.QUEUED) {
      queueNanos += client.loop.nanoTime() - queuedAtNanos;
    }
    state = State.ACTIVE;
    exchange = new Exchange(this, connection);
    exchange.start();
  }

  /** Whether a response with this head will be followed, so its body is only drained. */
  boolean willFollow(int code, Headers headers) {
    return followRedirects() && Redirects.isFollowable(request, code, headers);
  }

  /** The exchange delivered a whole response: follow it, raise it, or report it. */
  void exchangeDone(HttpResponse response) {
    exchange = null;
    if (state == State.DONE) {
      return;
    }
    if (willFollow(response.code(), response.headers())) {
      HttpRequest next;
      try {
        next = Redirects.next(request, response);
      } catch (HttpClientException e) {
        fail(e);
        return;
      }
      if (redirectCount >= orDefault(request.maxRedirects(), client.config.maxRedirects)) {
        fail(new TooManyRedirectsException(request, redirectCount + 1, response));
        return;
      }
      redirectCount++;
      previousHop = response;
      request = next;
      freshOnly = false;
      client.acquire(this);
      return;
    }
    if (orDefault(request.raiseError(), client.config.raiseError) && response.code() >= 400) {
      fail(new HttpStatusException(response));
      return;
    }
    finish();
    report(response, null);
  }

  /**
   * The exchange failed and has already released its connection. A request that may be repeated
   * and failed on a reused connection before any response byte gets one retry on a fresh one.
   */
  void exchangeFailed(Throwable cause, boolean retryable) {
    exchange = null;
    if (state == State.DONE) {
      return;
    }
    if (retryable && retryCount == 0 && Redirects.isIdempotent(request.method())
        && (request.body() == null || request.body().isReplayable())) {
      log.debug("retrying {} on a fresh connection: {}", request, cause.toString());
      retryCount++;
      freshOnly = true;
      client.acquire(this);
      return;
    }
    fail(cause);
  }

  /** The one failure path; the first call wins. */
  void fail(Throwable cause) {
    if (state == State.DONE) {
      return;
    }
    Phase phase = phase();
    boolean wasQueued = state == State.QUEUED;
    finish();
    if (wasQueued) {
      client.dequeue(this);
    }
    Exchange active = exchange;
    exchange = null;
    if (active != null) {
      active.abort();
    }
    report(null, Failures.forClient(cause, request, phase));
  }

  void failClientClosed() {
    fail(new RequestCancelledException(request, phase(), true));
  }

  private Phase phase() {
    Exchange active = exchange;
    return active != null ? active.phase() : Phase.QUEUE;
  }

  private void finish() {
    state = State.DONE;
    done = true;
    if (deadline != null) {
      deadline.cancel();
      deadline = null;
    }
    prevLive.nextLive = nextLive;
    nextLive.prevLive = prevLive;
    prevLive = this;
    nextLive = this;
  }

  void linkAfter(Fetch sentinel) {
    nextLive = sentinel.nextLive;
    prevLive = sentinel;
    sentinel.nextLive.prevLive = this;
    sentinel.nextLive = this;
  }

  /** Cancels from any thread: on the loop it fails the fetch with RequestCancelledException. */
  @Override
  public boolean cancel() {
    if (done || cancelRequested) {
      return false;
    }
    cancelRequested = true;
    if (client.loop.inLoop()) {
      cancelOnLoop();
    } else {
      try {
        client.loop.execute(this::cancelOnLoop);
      } catch (RejectedExecutionException e) {
        return false;
      }
    }
    return true;
  }

  private void cancelOnLoop() {
    if (state != State.NEW) {
      fail(new RequestCancelledException(request, phase(), false));
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelRequested;
  }

  private void report(HttpResponse response, HttpClientException error) {
    Executor executor = client.config.callbackExecutor;
    if (executor == null) {
      deliver(response, error);
      return;
    }
    try {
      executor.execute(() -> deliver(response, error));
    } catch (RejectedExecutionException e) {
      log.warn("callback executor refused the result of {}; delivering on the loop", original);
      deliver(response, error);
    }
  }

  private void deliver(HttpResponse response, HttpClientException error) {
    if (future != null) {
      if (error == null) {
        future.complete(response);
      } else {
        future.completeExceptionally(error);
      }
      return;
    }
    try {
      if (error == null) {
        callback.onResponse(response);
      } else {
        callback.onFailure(original, error);
      }
    } catch (RuntimeException | Error e) {
      log.warn("fetch callback for {} threw", original, e);
    }
  }
}

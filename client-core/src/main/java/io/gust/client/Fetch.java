package io.gust.client;

import io.gust.loop.Cancellable;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical fetch, across its redirects and retries: one deadline, one result, reported once.
 * Loop-confined, except {@link #cancel()} and {@link #isCancelled()}, which any thread may call.
 *
 * <p>States: NEW → QUEUED ⇄ ACTIVE → DONE; NEW → ACTIVE; any state → DONE. ACTIVE means an
 * {@link Exchange} holds a connection; after a redirect, a retry or an authenticator's answer to
 * a challenge ({@link AuthFollowUp}) the fetch goes back through {@link #attempt()}: the jar's
 * cookies ({@link FetchCookies}), the network interceptors, if any, then {@link
 * LoopClient#acquire}. When a selector's proxy cannot be reached, the same attempt goes straight
 * back to {@link LoopClient#acquire} through the selector's next answer ({@link ProxyFailover}).
 * {@link #fail(Throwable)} is the one failure path: the first call wins, cancels the deadline,
 * aborts the exchange (closing its connection, freeing its slot) or leaves the queue, and
 * reports once.
 *
 * <p>{@link FollowUps} decides which redirect is followed and which failure retried; {@link
 * FetchHandoff} brings work from other threads to the loop. With a {@link BodySink}, a response
 * is reported once the sink finished with its body, a failure once it cleaned up ({@link
 * SinkEnding}).
 *
 * <p>A fetch on the client's default request timeout is timed out by its partition's {@link
 * FetchDeadlines}, one timer for all such fetches. A fetch with a timeout of its own is its own
 * timer's task: as a {@link Runnable}, {@link #run()} is its deadline firing.
 */
final class Fetch implements Runnable, Call {
  private static final Logger log = LoggerFactory.getLogger(Fetch.class);

  enum State { NEW, QUEUED, ACTIVE, DONE }

  /** The partition that carries this fetch (its queue and pool), its loop and settings. */
  private final ClientContext context;
  final HttpRequest original;
  /** The current hop's request. Written on the loop; volatile for a cancel from elsewhere. */
  private volatile HttpRequest request;
  /** Where the result goes; null on the list sentinel. */
  private final Reply reply;
  /** Where the final response's body goes; null to collect it. */
  private final BodySink sink;
  /** The body is whole and the sink is finishing with it. */
  private boolean sinkFinishing;
  /** Where this fetch's timings are gathered, by its exchanges and their connection set-up. */
  private final TimingRecorder timings;
  private final Duration requestTimeout;
  private State state = State.NEW;
  private volatile boolean cancelRequested;
  /** What a cancel reports; written before {@link #cancelRequested} is set. */
  private RequestCancelledException cancelReason;
  private volatile boolean done;
  private Cancellable deadline;
  /** The exchange in flight. Written on the loop; volatile so a cancel can tell its phase. */
  private volatile Exchange exchange;
  private int redirectCount;
  /** The head of the last redirect followed, body dropped; null before the first. */
  private HttpResponse previousHop;
  private int retryCount;
  /** Runs attempts through the network interceptors; null when there are none. */
  private final NetworkAttempts network;
  /** The current request's proxy, chosen before each network attempt; never a rule. */
  private Proxy proxy = Proxy.NONE;
  /** The current attempt's way through a selector's answers; null until one fails. */
  private ProxyFailover failover;
  /** Set for a retry: an idle pooled connection may be as stale as the one that failed. */
  private boolean freshOnly;
  /** Merges the jar's cookies into each attempt and saves each response's; null without a jar. */
  private final FetchCookies cookies;
  /** Answers 401s and 407s; null when no authenticator applies. */
  private final AuthFollowUp auth;
  Fetch prevLive = this;
  Fetch nextLive = this;
  /** The partition's {@link FetchDeadlines} times this fetch out (no timer of its own). */
  private boolean watched;

  Fetch(LoopClient client, HttpRequest request, Reply reply, BodySink sink) {
    this.context = client == null ? null : client.context;
    this.original = request;
    this.request = request;
    this.reply = reply;
    this.sink = sink;
    this.network = context == null || context.config.networkInterceptors.isEmpty() ? null
        : new NetworkAttempts(this, context.config.networkInterceptors);
    this.timings = context == null ? null
        : new TimingRecorder(context.loop, context.config.eventListenerFactory,
            request);
    this.requestTimeout = context == null ? null : context.config.requestTimeout(request);
    this.cookies = context == null || context.config.cookieJar == null ? null
        : new FetchCookies(context.config.cookieJar);
    this.auth = context == null ? null : AuthFollowUp.forFetch(this, context.config, request);
  }

  /** The partition's shared context, which this fetch's exchanges use. */
  ClientContext context() {
    return context;
  }

  static Fetch sentinel() {
    return new Fetch(null, null, null, null);
  }

  HttpRequest request() {
    return request;
  }

  BodySink sink() {
    return sink;
  }

  boolean isDone() {
    return state == State.DONE;
  }

  @Override
  public boolean hasEnded() {
    return done;
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

  TimingRecorder timings() {
    return timings;
  }

  /** The proxy the current request goes through; {@link Proxy#NONE} when direct. */
  Proxy proxy() {
    return proxy;
  }

  /** The request deadline fired. */
  @Override
  public void run() {
    deadline = null;
    fail(new FetchTimeoutException(request, phase(), requestTimeout));
  }

  /** Arms the deadline; called once the fetch is in its partition's live list. */
  void start() {
    timings.callStart(request);
    if (cancelRequested) {
      fail(cancelReason);
      return;
    }
    if (Timeouts.isUnlimited(requestTimeout)) {
      return;
    }
    long elapsedNanos = context.loop.nanoTime() - timings.startNanos();
    long remainingNanos = requestTimeout.toNanos() - elapsedNanos;
    FetchDeadlines shared = context.partition.deadlines;
    if (remainingNanos <= 0) {
      fail(new FetchTimeoutException(request, Phase.QUEUE, requestTimeout));
    } else if (shared.covers(requestTimeout)) {
      watched = true;
      shared.watch(this);
    } else {
      deadline = context.loop.scheduleNanos(remainingNanos, this);
    }
  }

  /** Whether the partition's shared deadlines time this fetch out. */
  boolean isWatched() {
    return watched;
  }

  /** The shared deadline passed: as {@link #run()}, once this fetch is no longer watched. */
  void sharedDeadlineReached() {
    unwatch();
    run();
  }

  private void unwatch() {
    if (watched) {
      watched = false;
      context.partition.deadlines.ended();
    }
  }

  void queued() {
    state = State.QUEUED;
    timings.queued();
  }

  void startExchange(PooledConnection connection) {
    if (state == State.QUEUED) {
      timings.dequeued();
    }
    state = State.ACTIVE;
    exchange = new Exchange(this, connection);
    exchange.start();
  }

  /** Whether a response with this head will be followed, so its body is only drained. */
  boolean willFollow(int code, Headers headers) {
    return FollowUps.willFollow(context.config, request, code, headers);
  }

  /** Whether a response with this status goes to an authenticator, so its body is collected. */
  boolean holdsForAuth(int code) {
    return auth != null && auth.holds(request, code);
  }

  /**
   * Starts a network attempt for the current request (the first, a redirect hop, a retry):
   * through the network interceptors when there are any, else straight to a connection.
   */
  void attempt() {
    if (cookies != null) {
      try {
        request = cookies.beforeSend(request);
      } catch (HttpClientException e) {
        fail(e);
        return;
      }
    }
    timings.attemptStart(request, redirectCount, retryCount);
    if (network == null) {
      acquire();
    } else {
      network.start(request);
    }
  }

  /** A network interceptor sends {@code next}: it becomes the current request. */
  void acquireFor(HttpRequest next) {
    request = next;
    acquire();
  }

  /** Chooses the current request's proxy, then a connection; a proxy rule that throws fails. */
  private void acquire() {
    failover = null;
    try {
      proxy = context.config.proxy(request);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    context.partition.acquire(this);
  }

  /** The exchange delivered a whole response. */
  void exchangeDone(HttpResponse response) {
    exchange = null;
    timings.attemptEnd(response);
    if (state == State.DONE) {
      return;
    }
    if (network != null) {
      network.exchangeDone(response);
    } else {
      responded(response);
    }
  }

  /** A response ended an attempt: follow it, raise it, or report it. */
  void responded(HttpResponse response) {
    if (cookies != null) {
      try {
        cookies.received(response);
      } catch (HttpClientException e) {
        fail(e);
        return;
      }
    }
    if (auth != null && auth.challenged(response)) {
      return;
    }
    if (willFollow(response.code(), response.headers())) {
      HttpRequest next;
      try {
        next = FollowUps.redirect(context.config, request, response, redirectCount);
      } catch (HttpClientException e) {
        fail(e);
        return;
      }
      redirectCount++;
      previousHop = response;
      request = next;
      freshOnly = false;
      attempt();
      return;
    }
    settle(response, false);
  }

  /**
   * Ends the fetch with {@code response}: raised as an error, or reported once its sink is done.
   * A {@code held} response (an authenticator's challenge it gave up on) has its body collected,
   * which goes to the sink whole.
   */
  void settle(HttpResponse response, boolean held) {
    if (context.config.raiseError(request) && response.code() >= 400) {
      fail(new HttpStatusException(response));
      return;
    }
    if (sink != null) {
      sinkFinishing = true;
      SinkEnding.finish(this, sink, response, held);
      return;
    }
    finish();
    report(response, null);
  }

  /** An authenticator answered a challenge with {@code next}: it goes out as a new attempt. */
  void retryWithCredentials(HttpRequest next) {
    request = next;
    freshOnly = false;
    attempt();
  }

  /** The sink finished with the body of {@code response}, or failed with {@code error}. */
  void sinkFinished(HttpResponse response, Throwable error) {
    if (state == State.DONE) {
      return;
    }
    if (error != null) {
      fail(error);
    } else {
      finish();
      report(response, null);
    }
  }

  /** The exchange failed and has already released its connection. */
  void exchangeFailed(Throwable cause, boolean retryable) {
    exchange = null;
    if (failover != null && state != State.DONE) {
      Proxy next = failover.onFailure(cause);
      if (next != null) {
        log.debug("trying {} for {}: {}", next, request, cause.toString());
        proxy = next;
        context.partition.acquire(this);
        return;
      }
    }
    timings.attemptFailed(Failures.forClient(cause, request, Phase.QUEUE));
    if (state == State.DONE) {
      return;
    }
    if (network != null) {
      network.exchangeFailed(cause, retryable);
    } else {
      attemptFailed(cause, retryable);
    }
  }

  /**
   * The proxy that set-up at {@code startNanos} could not be reached: once the exchange has let
   * its connection go, the attempt goes on through {@code next} within the same connect deadline.
   */
  void proxyUnreachable(Proxy next, long startNanos) {
    if (failover == null) {
      failover = new ProxyFailover(startNanos);
    }
    failover.unreachable(next);
  }

  /** When a new connection's connect deadline begins: now, or when the first answer's began. */
  long connectStartNanos(long nowNanos) {
    return failover == null ? nowNanos : failover.startNanos();
  }

  /** An attempt failed: it is made again when {@link FollowUps#retry} says so, else it fails. */
  void attemptFailed(Throwable cause, boolean retryable) {
    FollowUps.Retry retry = FollowUps.retry(cause, retryable, retryCount, request);
    if (retry == FollowUps.Retry.NONE) {
      fail(cause);
      return;
    }
    retryCount++;
    if (retry == FollowUps.Retry.FRESH_CONNECTION) {
      freshOnly = true;
    }
    attempt();
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
      context.partition.dequeue(this);
    }
    Exchange active = exchange;
    exchange = null;
    timings.failing(cause, wasQueued, active);
    if (active != null) {
      active.abort(cause);
    }
    HttpClientException error = Failures.forClient(cause, request, phase);
    timings.attemptFailed(error);
    if (network != null) {
      network.fetchFailed(error);
    }
    if (sink == null) {
      report(null, error);
    } else {
      SinkEnding.abort(this, context.loop, sink, error);
    }
  }

  void failClientClosed() {
    fail(new RequestCancelledException(request, phase(), true));
  }

  private Phase phase() {
    Exchange active = exchange;
    return active != null ? active.phase() : sinkFinishing ? Phase.BODY
        : auth != null && auth.isWaiting() ? Phase.HEADERS : Phase.QUEUE;
  }

  private void finish() {
    state = State.DONE;
    done = true;
    if (deadline != null) {
      deadline.cancel();
      deadline = null;
    }
    unwatch();
    context.partition.deadlines.unlink(this);
  }

  /** Cancels from any thread: on the loop it fails the fetch with RequestCancelledException. */
  @Override
  public boolean cancel() {
    return requestCancel(true) != null;
  }

  /**
   * Cancels from any thread and returns the {@link RequestCancelledException} the fetch then
   * reports (its phase as far as the fetch had got), or null when it had ended or was cancelled
   * already. With {@code needsLoop}, also null when the loop closed before it could fail the
   * fetch (the client's close fails it instead).
   */
  @Override
  public RequestCancelledException requestCancel(boolean needsLoop) {
    if (done || cancelRequested) {
      return null;
    }
    RequestCancelledException reason = new RequestCancelledException(request, phase(), false);
    cancelReason = reason;
    cancelRequested = true;
    boolean queued = FetchHandoff.cancelOnLoop(this, context.loop, reason);
    return queued || !needsLoop ? reason : null;
  }

  /** Runs a continuation on the loop, guarded: see {@link FetchHandoff#onLoop}. */
  void onLoop(Runnable task) {
    FetchHandoff.onLoop(this, context.loop, task);
  }

  /** A cancel reached the loop: it fails the fetch unless the fetch has not started yet. */
  void cancelOnLoop(RequestCancelledException reason) {
    if (state != State.NEW) {
      fail(reason);
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelRequested;
  }

  /** Reports the fetch's one result; called once, after {@link #finish()}. */
  void report(HttpResponse response, HttpClientException error) {
    timings.callEnded(response, error);
    reply.send(response, error);
  }
}

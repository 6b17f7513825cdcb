package io.gust.client;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call that goes through the client's application interceptors. The chain starts on a loop
 * thread; each {@link Interceptor.Chain#proceed} at its end is a fetch of its own (own deadline,
 * redirects and retries, network interceptors) whose stage completes on its loop. The chain's
 * stage is the call's result, reported once. Thread-safe.
 *
 * <p>The request timeout bounds the whole call: each proceed gets what is left of it as its own
 * request timeout, and a call still in its interceptors when the time is up (none of its fetches
 * in flight) fails with {@link FetchTimeoutException} in phase QUEUE.
 *
 * <p>Cancelling reports the call cancelled at once (phase QUEUE: it cannot know how far a fetch
 * on another thread got), cancels the fetch in flight, and refuses later proceeds.
 */
final class InterceptedCall implements Call {
  private final AsyncHttpClient client;
  /** The caller's request with the client's default fields. */
  private final HttpRequest request;
  private final Reply reply;
  /** Gets the final response's body once the chain is done; null for none. */
  private final BodySink sink;
  private final List<Interceptor> interceptors;
  private final EventLoop loop;
  private final Duration timeout;
  private final long deadlineNanos;
  private volatile Cancellable timer;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean cancelled;
  /** The latest fetch a proceed started. */
  private volatile Fetch inFlight;

  InterceptedCall(AsyncHttpClient client, HttpRequest request, Reply reply, BodySink sink,
      List<Interceptor> interceptors, EventLoop loop, Duration timeout) {
    this.client = client;
    this.request = request;
    this.reply = reply;
    this.sink = sink;
    this.interceptors = interceptors;
    this.loop = loop;
    this.timeout = timeout;
    this.deadlineNanos = loop.nanoTime() + timeout.toNanos();
  }

  /** Runs the chain; called on a loop thread. */
  void start() {
    if (cancelled) {
      return;
    }
    timer = loop.schedule(timeout, this::deadlinePassed);
    CompletionStage<HttpResponse> chain = InterceptorChain.run(interceptors, request, this::proceed);
    if (sink != null) {
      chain = chain.thenComposeAsync(response -> sink.takeWhole(response).thenApply(done ->
          response.toBuilder().body(okio.ByteString.EMPTY).build()), sink.loop::execute);
    }
    chain.whenComplete(this::finish);
  }

  private CompletionStage<HttpResponse> proceed(HttpRequest next) {
    if (cancelled) {
      return CompletableFuture.failedFuture(
          new RequestCancelledException(next, Phase.QUEUE, false));
    }
    long remainingNanos = deadlineNanos - loop.nanoTime();
    if (remainingNanos <= 0) {
      return CompletableFuture.failedFuture(new FetchTimeoutException(next, Phase.QUEUE, timeout));
    }
    Duration own = next.requestTimeout();
    HttpRequest bounded = own != null && own.toNanos() <= remainingNanos ? next
        : next.newBuilder().requestTimeout(Duration.ofNanos(remainingNanos)).build();
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    Fetch fetch = client.submitFetch(bounded, Reply.toFuture(next, answer, null), null);
    inFlight = fetch;
    if (cancelled) {
      fetch.cancel();
    }
    return answer;
  }

  /** The call's deadline: a fetch in flight reports its own timeout, else the call times out. */
  private void deadlinePassed() {
    Fetch fetch = inFlight;
    if (fetch == null || fetch.hasEnded()) {
      finish(null, new FetchTimeoutException(request, Phase.QUEUE, timeout));
    }
  }

  /** Reports the call's result; the first call wins. */
  void finish(HttpResponse response, Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    Cancellable armed = timer;
    if (armed != null) {
      armed.cancel();
    }
    if (error == null) {
      reply.send(response, null);
      return;
    }
    HttpClientException typed = Failures.forClient(error, request, Phase.QUEUE);
    if (sink == null) {
      reply.send(null, typed);
    } else {
      try {
        sink.loop.execute(() -> sink.abort(typed)
            .whenComplete((ignored, late) -> reply.send(null, typed)));
      } catch (RejectedExecutionException e) {
        reply.send(null, typed);
      }
    }
  }

  @Override
  public boolean cancel() {
    return requestCancel(true) != null;
  }

  @Override
  public RequestCancelledException requestCancel(boolean needsLoop) {
    if (ended.get() || cancelled) {
      return null;
    }
    cancelled = true;
    Fetch fetch = inFlight;
    if (fetch != null) {
      fetch.cancel();
    }
    RequestCancelledException reason = new RequestCancelledException(request, Phase.QUEUE, false);
    finish(null, reason);
    return reason;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public boolean hasEnded() {
    return ended.get();
  }
}

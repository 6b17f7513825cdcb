package io.gust.client;

import io.gust.http.HttpClientException;
import io.gust.http.HttpRequest;
import io.gust.http.HttpResponse;
import io.gust.http.Phase;
import io.gust.http.RequestCancelledException;
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
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean cancelled;
  /** The latest fetch a proceed started. */
  private volatile Fetch inFlight;

  InterceptedCall(AsyncHttpClient client, HttpRequest request, Reply reply, BodySink sink,
      List<Interceptor> interceptors) {
    this.client = client;
    this.request = request;
    this.reply = reply;
    this.sink = sink;
    this.interceptors = interceptors;
  }

  /** Runs the chain; called on a loop thread. */
  void start() {
    if (cancelled) {
      return;
    }
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
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    Fetch fetch = client.submitFetch(next, Reply.toFuture(next, answer, null), null);
    inFlight = fetch;
    if (cancelled) {
      fetch.cancel();
    }
    return answer;
  }

  /** Reports the call's result; the first call wins. */
  void finish(HttpResponse response, Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return;
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
    if (ended.get() || cancelled) {
      return false;
    }
    cancelled = true;
    Fetch fetch = inFlight;
    if (fetch != null) {
      fetch.cancel();
    }
    finish(null, new RequestCancelledException(request, Phase.QUEUE, false));
    return true;
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

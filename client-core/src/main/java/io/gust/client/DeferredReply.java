package io.gust.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Reply} to a callback, or to a future through the callback executor: run on the
 * executor when there is one, else on the calling (loop) thread. A callback that throws is logged
 * and contained.
 */
final class DeferredReply implements Reply {
  private static final Logger log = LoggerFactory.getLogger(DeferredReply.class);

  /** The request the caller passed, which a failure callback is given. */
  private final HttpRequest original;
  /** Exactly one of future and callback is set. */
  private final CompletableFuture<HttpResponse> future;
  private final FetchCallback callback;
  /** Null: deliver on the calling thread. */
  private final Executor executor;

  DeferredReply(HttpRequest original, CompletableFuture<HttpResponse> future,
      FetchCallback callback, Executor executor) {
    this.original = original;
    this.future = future;
    this.callback = callback;
    this.executor = executor;
  }

  @Override
  public void send(HttpResponse response, HttpClientException error) {
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
      Reply.complete(future, response, error);
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

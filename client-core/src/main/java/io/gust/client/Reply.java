package io.gust.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a call's result goes: its future or its callback, run on the callback executor when there
 * is one, else on the calling (loop) thread. A callback that throws is logged and contained.
 */
final class Reply {
  private static final Logger log = LoggerFactory.getLogger(Reply.class);

  /** The request the caller passed, which a failure callback is given. */
  final HttpRequest original;
  /** Exactly one of future and callback is set. */
  private final CompletableFuture<HttpResponse> future;
  private final FetchCallback callback;
  /** Null: deliver on the calling thread. */
  private final Executor executor;

  private Reply(HttpRequest original, CompletableFuture<HttpResponse> future,
      FetchCallback callback, Executor executor) {
    this.original = original;
    this.future = future;
    this.callback = callback;
    this.executor = executor;
  }

  static Reply toFuture(HttpRequest original, CompletableFuture<HttpResponse> future,
      Executor executor) {
    return new Reply(original, future, null, executor);
  }

  static Reply toCallback(HttpRequest original, FetchCallback callback, Executor executor) {
    return new Reply(original, null, callback, executor);
  }

  /** Delivers the result; exactly one of the two is non-null. */
  void send(HttpResponse response, HttpClientException error) {
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
      } else if (future instanceof ResponseFuture) {
        ((ResponseFuture) future).fail(error);
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

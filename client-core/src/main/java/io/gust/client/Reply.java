package io.gust.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a call's result goes: its future or its callback. A future-style fetch with no callback
 * executor is its own reply ({@link ResponseFuture}), so that it costs no object more; any other
 * goes through a {@link DeferredReply}.
 */
interface Reply {
  /** Delivers the result, once; exactly one of the two is non-null. */
  void send(HttpResponse response, HttpClientException error);

  static Reply toFuture(HttpRequest original, CompletableFuture<HttpResponse> future,
      Executor executor) {
    if (executor == null && future instanceof ResponseFuture) {
      return (ResponseFuture) future;
    }
    return new DeferredReply(original, future, null, executor);
  }

  static Reply toCallback(HttpRequest original, FetchCallback callback, Executor executor) {
    return new DeferredReply(original, null, callback, executor);
  }

  /** Completes {@code future} with the result; a ResponseFuture fails as cancelled when it is one. */
  static void complete(CompletableFuture<HttpResponse> future, HttpResponse response,
      HttpClientException error) {
    if (error == null) {
      future.complete(response);
    } else if (future instanceof ResponseFuture) {
      ((ResponseFuture) future).fail(error);
    } else {
      future.completeExceptionally(error);
    }
  }
}

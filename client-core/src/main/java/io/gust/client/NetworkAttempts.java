package io.gust.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs each network attempt of one {@link Fetch} through the client's network interceptors: the
 * end of their chain asks the fetch for a connection, and the exchange's outcome goes back up the
 * chain as a stage before the fetch decides (follow, retry, report) on what the chain answered.
 * Loop-confined, like its fetch.
 */
final class NetworkAttempts {
  private final Fetch fetch;
  private final List<Interceptor> interceptors;
  /** The chain's stage for the exchange in flight; null between exchanges. */
  private CompletableFuture<HttpResponse> pending;
  /** The failure of the last exchange when it may be retried, told apart by identity. */
  private Throwable retryableFailure;

  NetworkAttempts(Fetch fetch, List<Interceptor> interceptors) {
    this.fetch = fetch;
    this.interceptors = interceptors;
  }

  /** Starts one attempt of {@code request} through the chain. */
  void start(HttpRequest request) {
    InterceptorChain.run(interceptors, request, this::send)
        .whenComplete((response, error) -> fetch.onLoop(() -> answered(response, error)));
  }

  /** The end of the chain: an exchange for {@code next}, as a stage. */
  private CompletionStage<HttpResponse> send(HttpRequest next) {
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    fetch.onLoop(() -> {
      if (fetch.isDone()) {
        answer.completeExceptionally(new IllegalStateException("the fetch is over"));
      } else if (pending != null) {
        answer.completeExceptionally(new IllegalStateException("one network attempt at a time"));
      } else {
        pending = answer;
        fetch.acquireFor(next);
      }
    });
    return answer;
  }

  private void answered(HttpResponse response, Throwable error) {
    Throwable cause = error == null ? null : Failures.unwrap(error);
    boolean retryable = cause != null && cause == retryableFailure;
    retryableFailure = null;
    if (fetch.isDone()) {
      return;
    }
    if (cause == null) {
      fetch.responded(response);
    } else {
      fetch.attemptFailed(cause, retryable);
    }
  }

  /** The exchange delivered {@code response}: it goes up the chain. */
  void exchangeDone(HttpResponse response) {
    CompletableFuture<HttpResponse> answer = pending;
    pending = null;
    if (answer != null) {
      answer.complete(response);
    }
  }

  /** The exchange failed: the failure goes up the chain, remembered if a retry is safe. */
  void exchangeFailed(Throwable cause, boolean retryable) {
    CompletableFuture<HttpResponse> answer = pending;
    pending = null;
    retryableFailure = retryable ? cause : null;
    if (answer != null) {
      answer.completeExceptionally(cause);
    }
  }

  /** The fetch failed as a whole: an interceptor still waiting hears it. */
  void fetchFailed(HttpClientException error) {
    CompletableFuture<HttpResponse> answer = pending;
    pending = null;
    if (answer != null) {
      answer.completeExceptionally(error);
    }
  }
}

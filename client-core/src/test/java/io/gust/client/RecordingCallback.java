package io.gust.client;

import io.gust.loop.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link FetchCallback} for tests: keeps how the fetch ended, and on which loop it heard. */
final class RecordingCallback implements FetchCallback {
  /** The loop the callback ran on; null when it ran elsewhere. */
  final CompletableFuture<EventLoop> loop = new CompletableFuture<>();
  private final CompletableFuture<HttpClientException> failure = new CompletableFuture<>();

  @Override
  public void onResponse(HttpResponse response) {
    loop.complete(EventLoop.current());
    failure.completeExceptionally(new AssertionError("unexpected response " + response));
  }

  @Override
  public void onFailure(HttpRequest request, HttpClientException error) {
    loop.complete(EventLoop.current());
    failure.complete(error);
  }

  /** Waits, with a bound, for the failure the fetch was expected to end with. */
  HttpClientException failure() throws Exception {
    return failure.get(5, TimeUnit.SECONDS);
  }
}

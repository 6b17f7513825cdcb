package io.gust.client;

import io.gust.loop.EventLoop;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a future-style fetch. {@link #cancel(boolean)} aborts the fetch: its connection is
 * closed and its slot freed, or it leaves the queue. A cancelled fetch (by this method or by
 * closing the client) completes the future as cancelled, with a {@link CancellationException}
 * whose cause is the {@link RequestCancelledException} a callback would have received. Waiting on
 * it from a loop thread would block the loop that must complete it, so {@code get} and {@code
 * join} refuse there. Dependent stages are plain futures. Without a callback executor it is the
 * fetch's {@link Reply} too.
 */
final class ResponseFuture extends CompletableFuture<HttpResponse> implements Reply {
  private Call fetch;

  void attach(Call attached) {
    this.fetch = attached;
  }

  @Override
  public void send(HttpResponse response, HttpClientException error) {
    Reply.complete(this, response, error);
  }

  /** Completes with {@code error}, as cancelled when it is a cancellation. */
  void fail(HttpClientException error) {
    if (error instanceof RequestCancelledException) {
      completeExceptionally(cancellation((RequestCancelledException) error));
    } else {
      completeExceptionally(error);
    }
  }

  /**
   * Cancels the fetch from any thread; the future completes at once, here, as cancelled with the
   * typed cancellation as cause. Returns whether the future is cancelled.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    RequestCancelledException reason = fetch == null ? null : fetch.requestCancel(false);
    if (reason == null) {
      return super.cancel(mayInterruptIfRunning);
    }
    completeExceptionally(cancellation(reason));
    return isCancelled();
  }

  static CancellationException cancellation(RequestCancelledException reason) {
    CancellationException cancelled = new CancellationException(reason.getMessage());
    cancelled.initCause(reason);
    return cancelled;
  }

  @Override
  public HttpResponse get() throws InterruptedException, ExecutionException {
    checkNotOnLoop();
    return super.get();
  }

  @Override
  public HttpResponse get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    checkNotOnLoop();
    return super.get(timeout, unit);
  }

  @Override
  public HttpResponse join() {
    checkNotOnLoop();
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }

  private void checkNotOnLoop() {
    if (EventLoop.current() != null) {
      throw new IllegalStateException("waiting for a fetch on loop thread "
          + EventLoop.current().name() + " would deadlock: the loop that completes it is blocked;"
          + " use thenAccept/whenComplete or a FetchCallback instead");
    }
  }
}

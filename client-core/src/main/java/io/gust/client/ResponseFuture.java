package io.gust.client;

import io.gust.loop.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a future-style fetch. {@link #cancel(boolean)} aborts the fetch: its connection is
 * closed and its slot freed, or it leaves the queue. Waiting on it from a loop thread would block
 * the loop that must complete it, so {@code get} and {@code join} refuse there. Dependent stages
 * are plain futures.
 */
final class ResponseFuture extends CompletableFuture<HttpResponse> {
  private Call fetch;

  void attach(Call attached) {
    this.fetch = attached;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled && fetch != null) {
      fetch.cancel();
    }
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

package io.gust.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * The wait behind {@link AsyncHttpClient#send}: parks the caller on the fetch's future (no
 * monitor held, so virtual threads unmount), unwraps the typed failure, and turns an interrupt
 * into a cancelled fetch.
 */
final class BlockingWait {
  private BlockingWait() {}

  static HttpResponse await(ResponseFuture future, Call call, HttpRequest request)
      throws HttpClientException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      return cancelled(future, call, request);
    } catch (ExecutionException e) {
      throw typed(e);
    } catch (CancellationException e) {
      throw cancellation(e, request);
    }
  }

  /**
   * The caller was interrupted: cancels the fetch, waits for the loop to report it (one loop
   * task, which is why this wait ignores further interrupts), then restores the interrupt flag.
   * A fetch the loop can no longer reach is reported as cancelled in the queue.
   */
  private static HttpResponse cancelled(ResponseFuture future, Call call, HttpRequest request)
      throws HttpClientException {
    boolean reaches = call.cancel() || call.hasEnded();
    try {
      if (!reaches) {
        throw new RequestCancelledException(request, Phase.QUEUE, false);
      }
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException again) {
          // Keep waiting: the cancel is already on its way; the flag is restored below.
        } catch (ExecutionException e) {
          throw typed(e);
        } catch (CancellationException e) {
          throw cancellation(e, request);
        }
      }
    } finally {
      Thread.currentThread().interrupt();
    }
  }

  /** A cancelled fetch's future carries the typed cancellation as its cause. */
  private static RequestCancelledException cancellation(CancellationException e,
      HttpRequest request) {
    if (e.getCause() instanceof RequestCancelledException) {
      return (RequestCancelledException) e.getCause();
    }
    return new RequestCancelledException(request, Phase.QUEUE, false);
  }

  private static HttpClientException typed(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof HttpClientException) {
      return (HttpClientException) cause;
    }
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    throw new IllegalStateException("fetch failed with an unexpected " + cause, cause);
  }
}

package io.gust.testing;

import io.gust.loop.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a test's probe on a loop thread, for state that only the loop may read or write. */
public final class OnLoop {
  private OnLoop() {}

  /**
   * Blocks until {@code task} ran on {@code loop}, at most ten seconds, and returns its result;
   * what the task threw is thrown as it was.
   */
  public static <T> T call(EventLoop loop, Callable<T> task) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}

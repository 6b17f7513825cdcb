package io.gust.resolver;

import io.gust.loop.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs resolver calls on a loop thread, as the SPI requires, and waits for them with a bound. */
final class Loops {
  private Loops() {}

  /** Calls {@code call} on {@code loop} and relays its future's outcome. */
  static <T> CompletableFuture<T> onLoop(EventLoop loop, Callable<CompletableFuture<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        call.call().whenComplete((value, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
          } else {
            result.complete(value);
          }
        });
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  static <T> T await(EventLoop loop, Callable<CompletableFuture<T>> call) throws Exception {
    return onLoop(loop, call).get(10, TimeUnit.SECONDS);
  }
}

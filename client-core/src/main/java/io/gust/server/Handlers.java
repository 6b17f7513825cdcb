package io.gust.server;

import java.util.Objects;
import java.util.concurrent.Executor;

/** Adapters between the handler styles. */
public final class Handlers {
  private Handlers() {}

  /**
   * Wraps a blocking handler so that it runs on {@code executor} and its response is written
   * back on the connection's loop (Tornado's run_on_executor). The loop stays free meanwhile.
   */
  public static AsyncHandler offload(Executor executor, Handler blocking) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(blocking, "blocking");
    return request -> request.loop().runInExecutor(executor, () -> blocking.handle(request));
  }

}

package io.gust.net;

import io.gust.loop.EventLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Runs an {@link SSLEngine}'s delegated tasks (certificate path validation, key agreement) on an
 * executor, never on the loop, and reports back on the loop thread. Loop-confined.
 *
 * <p>At most one batch runs at a time; while it does, the engine must not be wrapped or
 * unwrapped. When the batch finishes, {@code onDone} runs on the loop; if the loop closed in
 * the meantime nothing runs, since the loop has closed the stream.
 */
final class TlsTasks {
  private final EventLoop loop;
  private final SSLEngine engine;
  private final Executor executor;
  private final Runnable onDone;
  private boolean running;
  /** Why a batch failed outside the engine (the executor refused it, say), or null. */
  private IOException failure;

  TlsTasks(EventLoop loop, SSLEngine engine, Executor executor, Runnable onDone) {
    this.loop = loop;
    this.engine = engine;
    this.executor = executor;
    this.onDone = onDone;
  }

  boolean isRunning() {
    return running;
  }

  /** Takes every task the engine offers and runs them, in order, on the executor. */
  void start() throws SSLException {
    List<Runnable> batch = new ArrayList<>(2);
    for (Runnable task = engine.getDelegatedTask(); task != null;
        task = engine.getDelegatedTask()) {
      batch.add(task);
    }
    if (batch.isEmpty()) {
      throw new SSLException("the TLS engine asked for a task but offered none");
    }
    running = true;
    loop.runInExecutor(executor, () -> {
      for (Runnable task : batch) {
        task.run();
      }
      return null;
    }).whenComplete((ignored, error) -> finished(error));
  }

  private void finished(Throwable error) {
    if (!loop.inLoop()) {
      return;
    }
    running = false;
    if (error != null) {
      failure = new SSLException("a TLS delegated task failed", error);
    }
    onDone.run();
  }

  /** Throws the failure of the last batch, if it failed outside the engine. */
  void throwIfFailed() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }
}

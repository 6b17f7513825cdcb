package io.gust.server;

import io.gust.loop.EventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The steps of {@link HttpServer#close()}, run on the closing thread: stop accepting, ask every
 * connection to drain (idle ones close, exchanges in flight finish), wait until the shutdown
 * timeout, then close whatever is left. Loops that already stopped are skipped.
 */
final class ServerShutdown {
  private final ServerContext context;

  ServerShutdown(ServerContext context) {
    this.context = context;
  }

  /** Blocks until every connection closed, or the timeout and one more second passed. */
  void run(EventLoop acceptLoop, Acceptor listening, Duration shutdownTimeout) {
    context.draining = true;
    if (listening != null) {
      runOnLoop(acceptLoop, listening::close);
    }
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    for (ServedConnection connection : context.connections) {
      executeQuietly(connection.loop(), connection::drain);
    }
    awaitNoConnections(deadline);
    for (ServedConnection connection : context.connections) {
      executeQuietly(connection.loop(),
          () -> connection.fail(new IOException("server closed")));
    }
    awaitNoConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
  }

  private void awaitNoConnections(long deadlineNanos) {
    while (!context.connections.isEmpty() && System.nanoTime() - deadlineNanos < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  private static void runOnLoop(EventLoop loop, Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (executeQuietly(loop, () -> {
      task.run();
      done.complete(null);
    })) {
      done.join();
    }
  }

  private static boolean executeQuietly(EventLoop loop, Runnable task) {
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }
}

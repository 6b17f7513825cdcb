package io.gust.client;

import io.gust.loop.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a {@link Fetch}'s work back to its loop from the threads it arrives on: a continuation
 * of a stage (an interceptor's, an authenticator's, a sink's), a failure its sink reported after
 * cleaning up, a cancel from any thread. Stateless; what runs on the loop is the fetch's own.
 */
final class FetchHandoff {
  /** The fetch's logger, so its lines keep their category. */
  private static final Logger log = LoggerFactory.getLogger(Fetch.class);

  private FetchHandoff() {}

  /**
   * Runs {@code task} on the loop: now when already there, else queued (dropped once the loop
   * closed, whose close fails the fetch). Whatever the task throws fails the fetch with the
   * throwable as cause; a completed stage would otherwise swallow it and leave the fetch to its
   * deadline.
   */
  static void onLoop(Fetch fetch, EventLoop loop, Runnable task) {
    if (loop.inLoop()) {
      runGuarded(fetch, task);
      return;
    }
    if (!queue(loop, () -> runGuarded(fetch, task))) {
      log.debug("loop closed before {} could go on", fetch.request());
    }
  }

  private static void runGuarded(Fetch fetch, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      log.warn("{} failed inside the client: {}", fetch.request(), e.toString(), e);
      fetch.fail(e);
    }
  }

  /**
   * Reports {@code error} from the thread a sink's clean-up finished on (a file thread): back on
   * the loop, where results are promised, unless the loop no longer takes tasks.
   */
  static void reportOnLoop(Fetch fetch, EventLoop loop, HttpClientException error) {
    if (loop.inLoop()) {
      fetch.report(null, error);
      return;
    }
    if (!queue(loop, () -> fetch.report(null, error))) {
      fetch.report(null, error);
    }
  }

  /**
   * Fails the fetch with {@code reason} on the loop, now or queued; false when the loop no longer
   * takes tasks (the client's close fails the fetch instead).
   */
  static boolean cancelOnLoop(Fetch fetch, EventLoop loop, RequestCancelledException reason) {
    if (loop.inLoop()) {
      fetch.cancelOnLoop(reason);
      return true;
    }
    return queue(loop, () -> fetch.cancelOnLoop(reason));
  }

  /** Queues {@code task} on the loop; false when the loop no longer takes tasks. */
  private static boolean queue(EventLoop loop, Runnable task) {
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException closed) {
      return false;
    }
  }
}

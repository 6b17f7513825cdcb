package io.gust.client;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the client's file threads (request bodies read, file sinks written); they never hold the JVM open. */
final class FileThreads implements ThreadFactory {
  private final AtomicInteger count = new AtomicInteger();

  private FileThreads() {}

  /**
   * A client's file executor: two threads that end after a second idle, so it needs no shutdown
   * and never refuses work. A client's close thus never strands a sink's clean-up (deleting a
   * partial download) queued behind a write still running.
   */
  static Executor executor() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new FileThreads());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, "gust-file-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}

package io.gust.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the client's file threads (request bodies read, file sinks written); they never hold the JVM open. */
final class FileThreads implements ThreadFactory {
  private final AtomicInteger count = new AtomicInteger();

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, "gust-file-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}

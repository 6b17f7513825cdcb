package io.gust.samples;

import java.util.concurrent.ThreadFactory;

/** Names the samples' helper threads and keeps them from holding the JVM open. */
final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory of daemon threads all named {@code name}. */
  static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}

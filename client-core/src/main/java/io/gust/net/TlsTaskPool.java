package io.gust.net;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor for {@code SSLEngine} delegated tasks: one daemon thread per core (at
 * least two), named {@code gust-tls-N}, started on demand and stopped after a minute idle.
 */
public final class TlsTaskPool {
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  private TlsTaskPool() {}

  public static Executor shared() {
    return Holder.POOL;
  }

  private static final class Holder {
    static final ThreadPoolExecutor POOL = create();

    private static ThreadPoolExecutor create() {
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "gust-tls-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}

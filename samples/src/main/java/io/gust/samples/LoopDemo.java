package io.gust.samples;

import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The seeds' lesson on the bare loop: a task that blocks the loop delays every timer on it, the
 * watchdog names the culprit, and the same work moved to an executor delays nothing.
 */
final class LoopDemo {
  private static final long BLOCK_MILLIS = 500;
  private static final long TIMER_MILLIS = 100;

  private LoopDemo() {}

  static int run(String[] args) throws Exception {
    ExecutorService blockingPool = Executors.newFixedThreadPool(2, r -> {
      Thread thread = new Thread(r, "demo-blocking");
      thread.setDaemon(true);
      return thread;
    });
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(200)).build()) {
      System.out.printf("%-34s %14s %14s%n", "scenario", "timer due (ms)", "timer ran (ms)");
      long blocked = timerLatency(loop, () -> sleep(BLOCK_MILLIS));
      System.out.printf("%-34s %14d %14d%n", "blocking work on the loop", TIMER_MILLIS, blocked);
      long offloaded = timerLatency(loop,
          () -> loop.runInExecutor(blockingPool, () -> sleep(BLOCK_MILLIS)));
      System.out.printf("%-34s %14d %14d%n", "same work via runInExecutor", TIMER_MILLIS, offloaded);
      System.out.println("loop health: " + loop.stats());
    } finally {
      blockingPool.shutdownNow();
    }
    return 0;
  }

  /** Starts {@code work} on the loop beside a timer due in 100 ms; returns when the timer ran. */
  private static long timerLatency(EventLoop loop, Runnable work) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Long> fired = new CompletableFuture<>();
    loop.execute(() -> {
      loop.schedule(Duration.ofMillis(TIMER_MILLIS),
          () -> fired.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
      work.run();
    });
    return fired.get(10, TimeUnit.SECONDS);
  }

  private static Void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}

package io.gust.samples;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code bench --hold N} run, the C10K shape: N requests started at once against a route that
 * answers late (the companion server's {@code /delay/MS}, in its own process), held open
 * together. Once they are all out it measures the heap they hold after a full GC, per request
 * (the client's state, the sockets' Java side and each request's future), and the JVM's thread
 * count; then waits for every answer and reports how many completed.
 */
final class HoldRun {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HoldRun() {}

  /** Runs it; returns 0 when every request completed with 2xx, else 1. */
  static int run(LoadClient load, int count, URI url, double sampleSeconds, boolean json,
      PrintStream out) throws InterruptedException {
    load.get().join();
    long baseline = heapAfterGc();
    long startNanos = System.nanoTime();
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] answers = new CompletableFuture[count];
    for (int i = 0; i < count; i++) {
      answers[i] = load.get();
    }
    Thread.sleep((long) (sampleSeconds * 1000)); // the requests are held while the server waits
    long held = heapAfterGc() - baseline;
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    int completed = 0;
    int failed = 0;
    for (CompletableFuture<Integer> answer : answers) {
      try {
        int code = answer.get(5, TimeUnit.MINUTES);
        if (code >= 200 && code < 300) {
          completed++;
        } else {
          failed++;
        }
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        failed++;
      }
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double perRequest = held / (double) count;
    out.print(json
        ? String.format(Locale.ROOT, "{\"hold\":%d,\"url\":\"%s\",\"completed\":%d,\"failed\":%d,"
            + "\"seconds\":%.3f,\"heapBytesPerRequest\":%.0f,\"threads\":%d}%n", count,
            url.toString().replace("\"", "%22"), completed, failed, seconds, perRequest, threads)
        : String.format(Locale.ROOT, "%s%n%d requests held at once, %s%ncompleted    %d of %d"
            + " (%d failed) in %.2f s%nheap         %.0f bytes per request held (after GC)%n"
            + "threads      %d in this JVM%n", load.description(), count, url, completed, count,
            failed, seconds, perRequest, threads));
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100); // lets reference processing and concurrent phases settle
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}

package io.gust.samples;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap allocated by the JVM's threads since a starting point: the per-thread allocation counters
 * summed over every live thread. A thread that ends before {@link #bytes} loses its share, so
 * this suits clients whose threads live as long as the run.
 */
final class Allocations {
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startBytes;

  private Allocations() {
    startBytes = snapshot();
  }

  /** Starts counting now. */
  static Allocations start() {
    return new Allocations();
  }

  /** Bytes allocated since {@link #start}, by threads alive now. */
  long bytes() {
    long total = 0;
    for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
      total += now.getValue() - startBytes.getOrDefault(now.getKey(), 0L);
    }
    return total;
  }

  private Map<Long, Long> snapshot() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) {
        byThread.put(ids[i], bytes[i]);
      }
    }
    return byThread;
  }
}

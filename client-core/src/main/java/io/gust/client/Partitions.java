package io.gust.client;

import io.gust.loop.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's {@link LoopClient}s, one per loop, each with its share of the connection limits:
 * which one carries a new fetch, a pool snapshot over all of them, and shutting them all down.
 * Thread-safe; each partition itself is touched only on its own loop.
 */
final class Partitions {
  private final List<LoopClient> all;
  private final LoopClient[] byIndex;
  private final AtomicInteger next = new AtomicInteger();

  Partitions(List<EventLoop> loops, ClientConfig config, int maxConnections,
      int maxConnectionsPerHost) {
    List<LoopClient> created = new ArrayList<>(loops.size());
    for (int i = 0; i < loops.size(); i++) {
      created.add(new LoopClient(loops.get(i), config,
          ClientConfig.share(maxConnections, loops.size(), i),
          ClientConfig.share(maxConnectionsPerHost, loops.size(), i)));
    }
    this.all = List.copyOf(created);
    this.byIndex = created.toArray(new LoopClient[0]);
  }

  List<LoopClient> all() {
    return all;
  }

  /** The partition for a fetch made now: the caller's own loop's, else the next round-robin. */
  LoopClient pick() {
    if (byIndex.length == 1) {
      return byIndex[0];
    }
    EventLoop current = EventLoop.current();
    for (LoopClient partition : byIndex) {
      if (partition.loop == current) {
        return partition;
      }
    }
    return byIndex[Math.floorMod(next.getAndIncrement(), byIndex.length)];
  }

  /** Asks every loop for its part of the snapshot; completes once each answered. */
  CompletableFuture<PoolSnapshot> snapshot() {
    List<CompletableFuture<Integer>> parts = new ArrayList<>();
    List<PoolSnapshot.Host> hosts = Collections.synchronizedList(new ArrayList<>());
    for (LoopClient partition : all) {
      CompletableFuture<Integer> part = new CompletableFuture<>();
      try {
        partition.loop.execute(() -> part.complete(partition.snapshot(hosts)));
      } catch (RejectedExecutionException e) {
        part.complete(0);
      }
      parts.add(part);
    }
    return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      int queued = 0;
      for (CompletableFuture<Integer> part : parts) {
        queued += part.join();
      }
      return new PoolSnapshot(hosts, queued);
    });
  }

  /**
   * Shuts every partition down on its loop (failing its fetches, closing its connections).
   * Blocks until each loop has done so, unless called on a loop thread.
   */
  void shutdown() {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (LoopClient partition : all) {
      CompletableFuture<Void> shut = new CompletableFuture<>();
      if (partition.loop.inLoop()) {
        partition.shutdown();
        shut.complete(null);
      } else {
        try {
          partition.loop.execute(() -> {
            partition.shutdown();
            shut.complete(null);
          });
        } catch (RejectedExecutionException e) {
          shut.complete(null);
        }
      }
      done.add(shut);
    }
    if (EventLoop.current() == null) {
      CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).join();
    }
  }
}

package io.gust.samples;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code connections} workers, each sending its next request when its last
 * one answered, until a request count or a deadline is reached. Records each latency (in
 * microseconds) and counts errors and non-2xx answers; thread-safe, because each client completes
 * on its own threads.
 */
final class ClosedLoop {
  private final LoadClient client;
  private final int connections;
  /** Requests to send in all, or Long.MAX_VALUE when bounded by time. */
  private final long requestLimit;
  /** When to stop sending, or Long.MAX_VALUE when bounded by count. */
  private final long deadlineNanos;
  private final AtomicLong issued = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  final Histogram latencyMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
  final LongAdder completed = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder non2xx = new LongAdder();
  /** The first error seen, for the report. */
  volatile Throwable firstError;

  private ClosedLoop(LoadClient client, int connections, long requestLimit, long deadlineNanos) {
    this.client = client;
    this.connections = connections;
    this.requestLimit = requestLimit;
    this.deadlineNanos = deadlineNanos;
  }

  /** A load of exactly {@code requests} requests. */
  static ClosedLoop ofCount(LoadClient client, int connections, long requests) {
    return new ClosedLoop(client, connections, requests, Long.MAX_VALUE);
  }

  /** A load that sends requests for {@code seconds} (those in flight then still finish). */
  static ClosedLoop ofDuration(LoadClient client, int connections, double seconds) {
    return new ClosedLoop(client, connections, Long.MAX_VALUE,
        System.nanoTime() + (long) (seconds * 1e9));
  }

  /** Starts the workers; the future completes when every one has stopped. */
  CompletableFuture<Void> start() {
    running.set(connections);
    for (int i = 0; i < connections; i++) {
      sendNext();
    }
    return done;
  }

  /**
   * Sends requests until one is still in flight: a request that completed at once is recorded
   * and followed here, iteratively, so that a fast-failing client cannot overflow the stack.
   */
  private void sendNext() {
    while (true) {
      if (issued.incrementAndGet() > requestLimit || System.nanoTime() >= deadlineNanos) {
        if (running.decrementAndGet() == 0) {
          done.complete(null);
        }
        return;
      }
      long startNanos = System.nanoTime();
      CompletableFuture<Integer> answer = send();
      if (answer.isDone()) {
        int code = answer.handle((status, error) -> error == null ? status : -1).join();
        record(code, startNanos, answer);
        continue;
      }
      answer.whenComplete((code, error) -> {
        record(error == null ? code : -1, startNanos, answer);
        sendNext();
      });
      return;
    }
  }

  private CompletableFuture<Integer> send() {
    try {
      return client.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void record(int code, long startNanos, CompletableFuture<Integer> answer) {
    long micros = (System.nanoTime() - startNanos) / 1000;
    latencyMicros.recordValue(Math.min(latencyMicros.getHighestTrackableValue(), micros));
    completed.increment();
    if (code < 0) {
      errors.increment();
      if (firstError == null) {
        firstError = answer.handle((c, error) -> error).join();
      }
    } else if (code < 200 || code > 299) {
      non2xx.increment();
    }
  }
}

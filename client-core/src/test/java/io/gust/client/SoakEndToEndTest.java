package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import io.gust.testing.OpenFiles;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many fetches with connection churn against the companion server: every seventh asks for {@code
 * Connection: close}, the rest keep their connection alive, and they rotate over three servers
 * (three origins) with fewer slots than the three need, so idle connections to one origin are
 * closed to make room for another. After a warm-up the test records heap after GC, open file
 * descriptors and threads; at the end each must be back within a small margin (16 MiB of heap,
 * the descriptors of the pool's connections, no thread). Requests/s are printed as the run goes.
 *
 * <p>The default run does {@value #SHORT_FETCHES} fetches. The soak proper, a million fetches,
 * is tagged {@code soak} and left out of {@code mvn verify}; run it with
 *
 * <pre>mvn -B -o -Psoak -pl client-core test -Dgust.soak.fetches=1000000</pre>
 */
@Timeout(120)
class SoakEndToEndTest {
  private static final int SHORT_FETCHES = 20_000;
  private static final int IN_FLIGHT = 64;
  private static final int ORIGINS = 3;
  private static final long HEAP_MARGIN_BYTES = 16L << 20;
  private static final int MAX_CONNECTIONS = 8;
  /** Each pooled connection is two descriptors here (client and server), idle or not. */
  private static final int FD_MARGIN = 2 * MAX_CONNECTIONS;

  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  @Test
  void twentyThousandFetchesWithChurnKeepHeapDescriptorsAndThreadsFlat() throws Exception {
    soak(SHORT_FETCHES);
  }

  @Test
  @Tag("soak")
  @Timeout(3_600)
  void millionFetchesWithChurnKeepHeapDescriptorsAndThreadsFlat() throws Exception {
    soak(Long.getLong("gust.soak.fetches", 1_000_000));
  }

  private void soak(long fetches) throws Exception {
    TestServer[] servers = new TestServer[ORIGINS];
    try {
      for (int i = 0; i < ORIGINS; i++) {
        servers[i] = TestServer.start();
      }
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
          .maxConnections(MAX_CONNECTIONS).requestTimeout(Duration.ofSeconds(10)).build());
      long warmUp = Math.max(fetches / 10, 2_000);
      run(client, servers, warmUp, "warm-up");
      Figures start = Figures.now();
      long total = run(client, servers, fetches, "soak");
      OpenFiles.awaitAtMost(start.descriptors + FD_MARGIN, Duration.ofSeconds(10));
      Figures end = Figures.now();
      System.out.printf("Soak: %d fetches; after warm-up %s; at the end %s%n", total, start, end);
      assertTrue(end.heapBytes <= start.heapBytes + HEAP_MARGIN_BYTES, () -> start + " -> " + end);
      // A leak shows as growth; threads of shared pools from earlier tests in the same JVM
      // (gust-tls-N, JUnit's timeout threads) may retire meanwhile, so fewer is fine.
      assertTrue(end.threads <= start.threads, () -> start + " -> " + end);
    } finally {
      for (TestServer server : servers) {
        if (server != null) {
          server.close();
        }
      }
    }
  }

  /** Runs {@code fetches} closed-loop, checks each body, prints requests/s every tenth. */
  private static long run(AsyncHttpClient client, TestServer[] servers, long fetches, String label)
      throws InterruptedException {
    Semaphore window = new Semaphore(IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong done = new AtomicLong();
    long report = Math.max(fetches / 10, 1);
    long startNanos = System.nanoTime();
    long[] lastReport = {startNanos, 0};
    for (long i = 0; i < fetches && failure.get() == null; i++) {
      int size = (int) (i % 97);
      HttpRequest.Builder request = HttpRequest.newBuilder(
          servers[(int) (i % ORIGINS)].url("/bytes/" + size).toString());
      if (i % 7 == 0) {
        request.header("Connection", "close");
      }
      window.acquire();
      client.fetch(request.build()).whenComplete(check(size, failure, window, done));
      if ((i + 1) % report == 0) {
        long now = System.nanoTime();
        System.out.printf("%s: %d fetches, %.0f requests/s over the last %d%n", label, i + 1,
            (i + 1 - lastReport[1]) * 1e9 / (now - lastReport[0]), i + 1 - lastReport[1]);
        lastReport[0] = now;
        lastReport[1] = i + 1;
      }
    }
    assertTrue(window.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS), "fetches still running");
    window.release(IN_FLIGHT);
    if (failure.get() != null) {
      throw new AssertionError("a fetch failed", failure.get());
    }
    System.out.printf("%s: %d fetches at %.0f requests/s%n", label, done.get(),
        done.get() * 1e9 / (System.nanoTime() - startNanos));
    return done.get();
  }

  private static BiConsumer<HttpResponse, Throwable> check(int size,
      AtomicReference<Throwable> failure, Semaphore window, AtomicLong done) {
    return (response, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      } else if (response.code() != 200 || response.body().size() != size) {
        failure.compareAndSet(null, new AssertionError(response + " for " + size + " bytes"));
      } else {
        done.incrementAndGet();
      }
      window.release();
    };
  }

  /** Heap after GC, open descriptors and live threads at one moment. */
  private record Figures(long heapBytes, int descriptors, int threads) {
    static Figures now() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      return new Figures(heap, OpenFiles.count(), Thread.activeCount());
    }

    @Override
    public String toString() {
      return String.format("heap %.1f MiB, %d fds, %d threads", heapBytes / 1048576.0,
          descriptors, threads);
    }
  }
}

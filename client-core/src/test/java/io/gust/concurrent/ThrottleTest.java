package io.gust.concurrent;

import static io.gust.concurrent.Await.failure;
import static io.gust.concurrent.Await.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThrottleTest {
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  /** The futures the suppliers handed out, in the order they were called. */
  private final List<CompletableFuture<Integer>> started = new ArrayList<>();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void neverMoreThanMaxInFlightWhileOtherThreadsFinishThem() throws Exception {
    int count = 2_000;
    int maxInFlight = 8;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    List<Supplier<CompletableFuture<Integer>>> suppliers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = i;
      suppliers.add(() -> {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        CompletableFuture<Integer> future = new CompletableFuture<>();
        threads.execute(() -> {
          inFlight.decrementAndGet();
          future.complete(id);
        });
        return future;
      });
    }
    List<Integer> values = value(Futures.allBounded(suppliers, maxInFlight));
    assertEquals(IntStream.range(0, count).boxed().collect(Collectors.toList()), values);
    assertTrue(mostInFlight.get() <= maxInFlight, "most in flight: " + mostInFlight);
  }

  @Test
  void theNextStartsOnlyWhenOneFinishes() throws Exception {
    CompletableFuture<List<Integer>> all = Futures.allBounded(recording(3), 2);
    assertEquals(2, started.size());
    started.get(1).complete(1);
    assertEquals(3, started.size());
    started.get(2).complete(2);
    started.get(0).complete(0);
    assertEquals(List.of(0, 1, 2), value(all));
  }

  @Test
  void tenThousandCompletedSuppliersRunInALoopNotARecursion() throws Exception {
    List<Supplier<CompletableFuture<Integer>>> suppliers = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      int id = i;
      suppliers.add(() -> CompletableFuture.completedFuture(id));
    }
    CompletableFuture<CompletableFuture<List<Integer>>> call = new CompletableFuture<>();
    // A small stack makes a recursion of even a few thousand frames overflow.
    Thread caller = new Thread(null, () -> call.complete(Futures.allBounded(suppliers, 4)),
        "small-stack", 128 * 1024);
    caller.setUncaughtExceptionHandler((thread, error) -> call.completeExceptionally(error));
    caller.start();
    List<Integer> values = value(value(call));
    assertEquals(10_000, values.size());
    assertEquals(9_999, values.get(9_999));
  }

  @Test
  void theFirstFailureDecidesAndNoFurtherSupplierIsCalled() {
    CompletableFuture<List<Integer>> all = Futures.allBounded(recording(5), 2);
    IOException cause = new IOException("first");
    started.get(0).completeExceptionally(cause);
    assertSame(cause, failure(all));
    assertEquals(2, started.size());
    assertFalse(started.get(1).isDone(), "left running by default");
    IOException later = new IOException("later");
    started.get(1).completeExceptionally(later);
    assertEquals(List.of(later), List.of(cause.getSuppressed()));
  }

  @Test
  void withCancelTheFirstFailureCancelsTheOnesInFlight() {
    CompletableFuture<List<Integer>> all = Futures.allBounded(recording(5), 3, Remaining.CANCEL);
    started.get(1).completeExceptionally(new IOException("down"));
    assertTrue(failure(all) instanceof IOException);
    assertTrue(started.get(0).isCancelled());
    assertTrue(started.get(2).isCancelled());
    assertEquals(3, started.size());
  }

  @Test
  void settledKeepsGoingThroughFailuresAndReportsEachOutcome() throws Exception {
    IOException cause = new IOException("one bad");
    List<Supplier<CompletableFuture<Integer>>> suppliers = List.of(
        () -> CompletableFuture.completedFuture(0),
        () -> CompletableFuture.failedFuture(cause),
        () -> {
          throw new IllegalStateException("supplier broke");
        },
        () -> null,
        () -> CompletableFuture.completedFuture(4));
    List<Outcome<Integer>> outcomes = value(Futures.allSettledBounded(suppliers, 1));
    assertEquals(Outcome.success(0), outcomes.get(0));
    assertSame(cause, outcomes.get(1).error());
    assertTrue(outcomes.get(2).error() instanceof IllegalStateException);
    assertTrue(outcomes.get(3).error() instanceof NullPointerException);
    assertEquals(Outcome.success(4), outcomes.get(4));
  }

  @Test
  void settledGathersOneHundredThousand() throws Exception {
    List<Supplier<CompletableFuture<Integer>>> suppliers = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      int id = i;
      suppliers.add(() -> CompletableFuture.supplyAsync(() -> id, threads));
    }
    List<Outcome<Integer>> outcomes = Futures.allSettledBounded(suppliers, 64)
        .get(30, TimeUnit.SECONDS);
    assertEquals(100_000, outcomes.size());
    assertEquals(Outcome.success(99_999), outcomes.get(99_999));
  }

  @Test
  void cancellingTheResultStopsCallingSuppliers() {
    CompletableFuture<List<Integer>> all = Futures.allBounded(recording(3), 1);
    all.cancel(true);
    started.get(0).complete(0);
    assertEquals(1, started.size());
  }

  @Test
  void nothingToRunCompletesAtOnceAndABadBoundIsRefused() {
    assertEquals(List.of(), Futures.allBounded(recording(0), 1).getNow(null));
    assertThrows(IllegalArgumentException.class, () -> Futures.allBounded(recording(1), 0));
  }

  /** {@code count} suppliers handing out pending futures, recorded in {@link #started}. */
  private List<Supplier<CompletableFuture<Integer>>> recording(int count) {
    List<Supplier<CompletableFuture<Integer>>> suppliers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      suppliers.add(() -> {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        started.add(future);
        return future;
      });
    }
    return suppliers;
  }
}

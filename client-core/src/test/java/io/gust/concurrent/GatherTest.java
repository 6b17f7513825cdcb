package io.gust.concurrent;

import static io.gust.concurrent.Await.collected;
import static io.gust.concurrent.Await.failure;
import static io.gust.concurrent.Await.noDependents;
import static io.gust.concurrent.Await.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GatherTest {
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void allListsValuesInInputOrderWhateverOrderTheyComplete() throws Exception {
    List<CompletableFuture<String>> inputs = pending(3);
    CompletableFuture<List<String>> all = Futures.all(inputs);
    inputs.get(2).complete("c");
    inputs.get(0).complete("a");
    assertFalse(all.isDone());
    inputs.get(1).complete("b");
    assertEquals(List.of("a", "b", "c"), value(all));
    assertThrows(UnsupportedOperationException.class, () -> value(all).add("d"));
  }

  @Test
  void allOfAMapKeepsItsKeysInIterationOrder() throws Exception {
    Map<String, CompletableFuture<Integer>> inputs = new LinkedHashMap<>();
    for (String key : List.of("zebra", "apple", "mango")) {
      inputs.put(key, new CompletableFuture<>());
    }
    CompletableFuture<Map<String, Integer>> all = Futures.all(inputs);
    inputs.get("mango").complete(3);
    inputs.get("zebra").complete(1);
    inputs.get("apple").complete(null);
    Map<String, Integer> values = value(all);
    assertEquals(List.of("zebra", "apple", "mango"), new ArrayList<>(values.keySet()));
    assertEquals(Arrays.asList(1, null, 3), new ArrayList<>(values.values()));
  }

  @Test
  void allFailsWithTheFirstFailureAndSuppressesTheLaterOnes() throws Exception {
    List<CompletableFuture<String>> inputs = pending(3);
    CompletableFuture<List<String>> all = Futures.all(inputs);
    IOException first = new IOException("first");
    IOException second = new IOException("second");
    inputs.get(1).completeExceptionally(first);
    assertSame(first, failure(all));
    assertFalse(inputs.get(0).isDone(), "inputs are left running by default");
    inputs.get(2).completeExceptionally(second);
    inputs.get(0).complete("late");
    assertArrayEquals(new Throwable[] {second}, first.getSuppressed());
  }

  @Test
  void allReportsTheRealCauseRatherThanItsCompletionExceptionWrapper() {
    IllegalStateException cause = new IllegalStateException("boom");
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> derived = source.thenApply(s -> {
      throw cause;
    });
    CompletableFuture<List<String>> all = Futures.all(List.of(derived));
    source.complete("x");
    assertSame(cause, failure(all));
  }

  @Test
  void allWithCancelCancelsTheRestOnTheFirstFailureWithoutReportingThose() {
    List<CompletableFuture<String>> inputs = pending(3);
    CompletableFuture<List<String>> all = Futures.all(inputs, Remaining.CANCEL);
    IOException cause = new IOException("down");
    inputs.get(0).completeExceptionally(cause);
    assertSame(cause, failure(all));
    assertTrue(inputs.get(1).isCancelled());
    assertTrue(inputs.get(2).isCancelled());
    assertEquals(0, cause.getSuppressed().length);
  }

  @Test
  void cancellingAllCancelsTheInputsOnlyWhenAsked() {
    List<CompletableFuture<String>> left = pending(2);
    Futures.all(left).cancel(true);
    assertFalse(left.get(0).isDone());
    List<CompletableFuture<String>> owned = pending(2);
    Futures.all(owned, Remaining.CANCEL).cancel(true);
    assertTrue(owned.get(0).isCancelled());
    assertTrue(owned.get(1).isCancelled());
  }

  @Test
  void failuresArrivingFromManyThreadsAtOnceAreAllKept() throws Exception {
    List<CompletableFuture<Integer>> inputs = pending(1_000);
    CompletableFuture<List<Integer>> all = Futures.all(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      int id = i;
      threads.execute(() -> inputs.get(id).completeExceptionally(new IOException("#" + id)));
    }
    Throwable first = failure(all);
    // A task ends only after the callbacks its completion ran, suppression included.
    threads.shutdown();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(999, first.getSuppressed().length);
  }

  @Test
  void allOfNothingCompletesAtOnceEmpty() throws Exception {
    assertEquals(List.of(), Futures.all(List.<CompletableFuture<String>>of()).getNow(null));
    assertEquals(Map.of(), Futures.all(Map.<String, CompletableFuture<String>>of()).getNow(null));
    assertEquals(List.of(), Futures.allSettled(List.<CompletableFuture<String>>of()).getNow(null));
    assertEquals(Map.of(),
        Futures.allSettled(Map.<String, CompletableFuture<String>>of()).getNow(null));
  }

  @Test
  void allOfCompletedInputsIsCompleteWhenItReturns() {
    CompletableFuture<List<String>> all = Futures.all(
        List.of(CompletableFuture.completedFuture("a"), CompletableFuture.completedFuture("b")));
    assertEquals(List.of("a", "b"), all.getNow(null));
    IOException cause = new IOException("already");
    CompletableFuture<List<String>> failed = Futures.all(
        List.of(CompletableFuture.completedFuture("a"), CompletableFuture.failedFuture(cause)));
    assertTrue(failed.isCompletedExceptionally());
  }

  @Test
  void allSettledReportsEveryOutcomeAndNeverFails() throws Exception {
    IOException cause = new IOException("no");
    List<CompletableFuture<String>> inputs = List.of(CompletableFuture.completedFuture("yes"),
        CompletableFuture.failedFuture(cause), new CompletableFuture<>());
    CompletableFuture<List<Outcome<String>>> settled = Futures.allSettled(inputs);
    inputs.get(2).cancel(true);
    List<Outcome<String>> outcomes = value(settled);
    assertEquals(Outcome.success("yes"), outcomes.get(0));
    assertSame(cause, outcomes.get(1).error());
    assertTrue(outcomes.get(2).isCancelled());
  }

  @Test
  void allSettledOfAMapKeepsEachOutcomeUnderItsKey() throws Exception {
    Map<String, CompletableFuture<Integer>> inputs = new LinkedHashMap<>();
    inputs.put("ok", CompletableFuture.completedFuture(1));
    inputs.put("bad", CompletableFuture.failedFuture(new IOException("bad")));
    Map<String, Outcome<Integer>> outcomes = value(Futures.allSettled(inputs));
    assertEquals(List.of("ok", "bad"), new ArrayList<>(outcomes.keySet()));
    assertEquals(1, outcomes.get("ok").value());
    assertFalse(outcomes.get("bad").isSuccess());
  }

  @Test
  void allGathersOneHundredThousandInputsCompletedFromFourThreads() throws Exception {
    int count = 100_000;
    List<CompletableFuture<Integer>> inputs = pending(count);
    CompletableFuture<List<Integer>> all = Futures.all(inputs);
    CompletableFuture<List<Outcome<Integer>>> settled = Futures.allSettled(inputs);
    completeFromThreads(inputs);
    List<Integer> values = value(all);
    assertEquals(IntStream.range(0, count).boxed().collect(Collectors.toList()), values);
    List<Outcome<Integer>> outcomes = value(settled);
    assertEquals(count - 1, outcomes.get(count - 1).value());
    for (CompletableFuture<Integer> input : inputs) {
      noDependents(input);
    }
  }

  @Test
  void allLeavesNoStateReachableOnceCompleted() throws Exception {
    List<CompletableFuture<Integer>> inputs = pending(100_000);
    Gather gather = new Gather(inputs.size(), null, false);
    CompletableFuture<Object> result = gather.attach(Aggregate.toArray(inputs), Remaining.CANCEL);
    WeakReference<Gather> state = new WeakReference<>(gather);
    gather = null;
    completeFromThreads(inputs);
    value(result);
    collected(state, "the state of a completed all()");
  }

  @Test
  void allDropsTheValuesItGatheredOnceAFailureDecidedIt() throws Exception {
    List<CompletableFuture<Object>> stillRunning = pending(1_000);
    List<WeakReference<Object>> gathered = new ArrayList<>();
    CompletableFuture<List<Object>> all = failAfterGathering(stillRunning, gathered);
    assertTrue(failure(all) instanceof IOException);
    for (WeakReference<Object> value : gathered) {
      collected(value, "a value gathered by a failed all()");
    }
    assertEquals(1, stillRunning.get(0).getNumberOfDependents(), "one small callback each");
  }

  /** all() over 100 completed inputs, one failure, then {@code stillRunning}; keeps no input. */
  private static CompletableFuture<List<Object>> failAfterGathering(
      List<CompletableFuture<Object>> stillRunning, List<WeakReference<Object>> gathered) {
    List<CompletableFuture<Object>> inputs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Object value = new byte[1024];
      gathered.add(new WeakReference<>(value));
      inputs.add(CompletableFuture.completedFuture(value));
    }
    inputs.add(CompletableFuture.failedFuture(new IOException("decides it")));
    inputs.addAll(stillRunning);
    return Futures.all(inputs);
  }

  private void completeFromThreads(List<CompletableFuture<Integer>> inputs) {
    int stripes = 4;
    for (int stripe = 0; stripe < stripes; stripe++) {
      int first = stripe;
      threads.execute(() -> {
        for (int i = first; i < inputs.size(); i += stripes) {
          inputs.get(i).complete(i);
        }
      });
    }
  }

  private static <T> List<CompletableFuture<T>> pending(int count) {
    List<CompletableFuture<T>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      futures.add(new CompletableFuture<>());
    }
    return futures;
  }
}

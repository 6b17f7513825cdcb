package io.gust.concurrent;

import static io.gust.concurrent.Await.collected;
import static io.gust.concurrent.Await.failure;
import static io.gust.concurrent.Await.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RaceTest {
  private final CompletableFuture<String> a = new CompletableFuture<>();
  private final CompletableFuture<String> b = new CompletableFuture<>();
  private final CompletableFuture<String> c = new CompletableFuture<>();

  @Test
  void anyTakesTheFirstSuccessPastEarlierFailures() throws Exception {
    CompletableFuture<String> any = Futures.any(List.of(a, b, c));
    a.completeExceptionally(new IOException("a"));
    assertFalse(any.isDone());
    c.complete("c");
    b.complete("b");
    assertEquals("c", value(any));
    assertFalse(b.isCancelled());
  }

  @Test
  void anyFailsOnlyWhenAllFailKeepingEveryErrorInInputOrder() {
    CompletableFuture<String> any = Futures.any(List.of(a, b, c));
    IOException errorA = new IOException("a");
    IOException errorB = new IOException("b");
    IOException errorC = new IOException("c");
    c.completeExceptionally(errorC);
    a.completeExceptionally(errorA);
    assertFalse(any.isDone());
    b.completeExceptionally(errorB);
    AllFailedException failed = (AllFailedException) failure(any);
    assertEquals(List.of(errorA, errorB, errorC), failed.causes());
    assertEquals(List.of(errorA, errorB, errorC), List.of(failed.getSuppressed()));
  }

  @Test
  void anyKeepsEveryErrorWhenManyThreadsFailTheInputsAtOnce() throws Exception {
    List<CompletableFuture<String>> inputs = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      inputs.add(new CompletableFuture<>());
      errors.add(new IOException("#" + i));
    }
    CompletableFuture<String> any = Futures.any(inputs);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < inputs.size(); i++) {
        int id = i;
        threads.execute(() -> inputs.get(id).completeExceptionally(errors.get(id)));
      }
      assertEquals(errors, ((AllFailedException) failure(any)).causes());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anyWithCancelCancelsTheLosersOnceOneSucceeds() throws Exception {
    CompletableFuture<String> any = Futures.any(Set.of(a, b, c), Remaining.CANCEL);
    b.complete("b");
    assertEquals("b", value(any));
    assertTrue(a.isCancelled());
    assertTrue(c.isCancelled());
  }

  @Test
  void anyOfNothingFailsAtOnceWithNoCauses() {
    CompletableFuture<String> any = Futures.any(List.<CompletableFuture<String>>of());
    assertTrue(any.isCompletedExceptionally());
    assertEquals(List.of(), ((AllFailedException) failure(any)).causes());
  }

  @Test
  void anyOfCompletedInputsIsDecidedWhenItReturns() {
    CompletableFuture<String> any = Futures.any(List.of(
        CompletableFuture.failedFuture(new IOException("x")),
        CompletableFuture.completedFuture("y")));
    assertEquals("y", any.getNow(null));
  }

  @Test
  void firstTakesTheFirstCompletionEvenAFailure() {
    CompletableFuture<String> first = Futures.first(List.of(a, b));
    IOException cause = new IOException("b first");
    b.completeExceptionally(cause);
    a.complete("a");
    assertSame(cause, failure(first));
    assertFalse(a.isCancelled());
  }

  @Test
  void firstWithCancelCancelsTheOthers() throws Exception {
    CompletableFuture<String> first = Futures.first(List.of(a, b, c), Remaining.CANCEL);
    a.complete("a");
    assertEquals("a", value(first));
    assertTrue(b.isCancelled());
    assertTrue(c.isCancelled());
  }

  @Test
  void cancellingARaceWithCancelCancelsItsInputs() {
    Futures.first(List.of(a, b), Remaining.CANCEL).cancel(true);
    assertTrue(a.isCancelled());
    assertTrue(b.isCancelled());
  }

  @Test
  void firstOfNothingFailsAtOnceWithNoSuchElement() {
    CompletableFuture<String> first = Futures.first(List.<CompletableFuture<String>>of());
    assertTrue(first.isCompletedExceptionally());
    assertTrue(failure(first) instanceof NoSuchElementException);
  }

  @Test
  void anyDropsTheErrorsItKeptOnceAWinnerIsKnown() throws Exception {
    CompletableFuture<String> any = Futures.any(List.of(a, b, c));
    WeakReference<Throwable> error = failOne(a);
    b.complete("b");
    assertEquals("b", value(any));
    assertEquals(1, c.getNumberOfDependents(), "the pending input keeps one small callback");
    collected(error, "an error kept by a decided any()");
  }

  /** Fails {@code future} with an error no one else keeps. */
  private static WeakReference<Throwable> failOne(CompletableFuture<String> future) {
    IOException error = new IOException("dropped once decided");
    future.completeExceptionally(error);
    future.obtrudeValue("forget the error");
    return new WeakReference<>(error);
  }
}

package io.gust.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CompletionIteratorTest {
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final EventLoop loop = EventLoop.create();

  @AfterEach
  void stop() {
    threads.shutdownNow();
    loop.close();
  }

  @Test
  void yieldsInputsInCompletionOrderNamedByIndex() {
    List<CompletableFuture<String>> inputs = List.of(
        new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
    CompletionIterator<Integer, String> landed = Futures.asCompleted(inputs);
    IOException cause = new IOException("middle");
    inputs.get(2).complete("c");
    inputs.get(1).completeExceptionally(cause);
    inputs.get(0).complete("a");
    Completion<Integer, String> first = landed.next();
    assertEquals(2, first.key());
    assertEquals("c", first.outcome().value());
    Completion<Integer, String> second = landed.next();
    assertEquals(1, second.key());
    assertSame(cause, second.outcome().error());
    assertTrue(landed.hasNext());
    assertEquals(new Completion<>(0, Outcome.success("a")), landed.next());
    assertFalse(landed.hasNext());
    assertThrows(NoSuchElementException.class, landed::next);
  }

  @Test
  void nextWaitsForAnInputFinishedOnAnotherThread() {
    CompletableFuture<String> input = new CompletableFuture<>();
    CompletionIterator<Integer, String> landed = Futures.asCompleted(List.of(input));
    threads.execute(() -> input.complete("later"));
    assertEquals("later", landed.next().outcome().value());
  }

  @Test
  void mapInputsAreNamedByKey() {
    Map<String, CompletableFuture<Integer>> inputs = new LinkedHashMap<>();
    inputs.put("slow", new CompletableFuture<>());
    inputs.put("fast", CompletableFuture.completedFuture(1));
    CompletionIterator<String, Integer> landed = Futures.asCompleted(inputs);
    assertEquals("fast", landed.next().key());
    inputs.get("slow").complete(2);
    assertEquals(new Completion<>("slow", Outcome.success(2)), landed.next());
  }

  @Test
  void nextRefusesToBlockALoopThread() throws Exception {
    CompletionIterator<Integer, String> landed =
        Futures.asCompleted(List.of(new CompletableFuture<String>()));
    IllegalStateException refused = Await.onLoop(loop,
        () -> assertThrows(IllegalStateException.class, landed::next));
    assertTrue(refused.getMessage().contains("must not block"), refused.getMessage());
    Await.onLoop(loop,
        () -> assertThrows(IllegalStateException.class, () -> landed.poll(Duration.ZERO)));
  }

  @Test
  void pollGivesUpWhenNothingLandsInTime() throws Exception {
    CompletableFuture<String> input = new CompletableFuture<>();
    CompletionIterator<Integer, String> landed = Futures.asCompleted(List.of(input));
    assertNull(landed.poll(Duration.ofMillis(10)));
    input.complete("now");
    assertEquals("now", landed.poll(Duration.ofSeconds(10)).outcome().value());
  }

  @Test
  void nothingToWaitForHasNoNext() {
    CompletionIterator<Integer, String> landed =
        Futures.asCompleted(List.<CompletableFuture<String>>of());
    assertFalse(landed.hasNext());
    assertThrows(NoSuchElementException.class, landed::next);
  }

  @Test
  void everyInputFinishedFromManyThreadsArrivesOnce() {
    int count = 10_000;
    List<CompletableFuture<Integer>> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(new CompletableFuture<>());
    }
    CompletionIterator<Integer, Integer> landed = Futures.asCompleted(inputs);
    for (int i = 0; i < count; i++) {
      int id = i;
      threads.execute(() -> inputs.get(id).complete(id));
    }
    Set<Integer> seen = new HashSet<>();
    while (landed.hasNext()) {
      Completion<Integer, Integer> completion = landed.next();
      assertEquals(completion.key(), completion.outcome().value());
      assertTrue(seen.add(completion.key()));
    }
    assertEquals(count, seen.size());
  }
}

package io.gust.concurrent;

import static io.gust.concurrent.Await.failure;
import static io.gust.concurrent.Await.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CompletionDispatchTest {
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final EventLoop loop = EventLoop.create();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    threads.shutdownNow();
    loop.close();
  }

  @Test
  void onALoopCallbacksRunThereInCompletionOrder() throws Exception {
    List<CompletableFuture<String>> inputs = List.of(
        new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
    CompletableFuture<Void> done = Await.onLoop(loop, () -> Futures.asCompleted(inputs,
        (index, outcome) -> calls.add(index + "=" + outcome.value() + "@"
            + Thread.currentThread().getName())));
    for (int i : new int[] {1, 2, 0}) {
      loop.execute(() -> inputs.get(i).complete("v" + i));
    }
    value(done);
    String on = "@" + loop.name();
    assertEquals(List.of("1=v1" + on, "2=v2" + on, "0=v0" + on), calls);
  }

  @Test
  void mapInputsAreNamedByKey() throws Exception {
    Map<String, CompletableFuture<Integer>> inputs = new LinkedHashMap<>();
    inputs.put("late", new CompletableFuture<>());
    inputs.put("early", CompletableFuture.completedFuture(1));
    CompletableFuture<Void> done =
        Futures.asCompleted(inputs, (key, outcome) -> calls.add(key + "=" + outcome.value()));
    inputs.get("late").complete(2);
    value(done);
    assertEquals(List.of("early=1", "late=2"), calls);
  }

  @Test
  void callbacksNeverOverlapWhenInputsFinishOnManyThreads() throws Exception {
    int count = 20_000;
    List<CompletableFuture<Integer>> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(new CompletableFuture<>());
    }
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger delivered = new AtomicInteger();
    CompletableFuture<Void> done = Futures.asCompleted(inputs, (index, outcome) -> {
      if (inside.incrementAndGet() != 1) {
        overlaps.incrementAndGet();
      }
      delivered.incrementAndGet();
      inside.decrementAndGet();
    });
    for (int i = 0; i < count; i++) {
      int id = i;
      threads.execute(() -> inputs.get(id).complete(id));
    }
    value(done);
    assertEquals(count, delivered.get());
    assertEquals(0, overlaps.get());
  }

  @Test
  void aThrowingCallbackFailsDoneOnlyAfterEveryInputWasDelivered() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    List<CompletableFuture<String>> inputs = List.of(new CompletableFuture<>(),
        new CompletableFuture<>(), new CompletableFuture<>());
    CompletableFuture<Void> done = Futures.asCompleted(inputs, (index, outcome) -> {
      calls.add("call " + index);
      if (index < 2) {
        throw index == 0 ? first : second;
      }
    });
    inputs.get(0).complete("a");
    inputs.get(1).complete("b");
    assertTrue(!done.isDone());
    inputs.get(2).complete("c");
    assertSame(first, failure(done));
    assertEquals(List.of(second), List.of(first.getSuppressed()));
    assertEquals(List.of("call 0", "call 1", "call 2"), calls);
  }

  @Test
  void cancellingDoneStopsTheCallbacks() {
    List<CompletableFuture<String>> inputs = List.of(new CompletableFuture<>(),
        new CompletableFuture<>());
    CompletableFuture<Void> done =
        Futures.asCompleted(inputs, (index, outcome) -> calls.add("call " + index));
    inputs.get(0).complete("a");
    done.cancel(true);
    inputs.get(1).complete("b");
    assertEquals(List.of("call 0"), calls);
    assertTrue(!inputs.get(1).isCancelled());
  }

  @Test
  void nothingToWaitForIsDoneAtOnce() {
    assertTrue(Futures.asCompleted(List.<CompletableFuture<String>>of(),
        (index, outcome) -> calls.add("never")).isDone());
    assertEquals(List.of(), calls);
  }
}

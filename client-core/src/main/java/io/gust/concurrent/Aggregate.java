package io.gust.concurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The state shared by combinators over a fixed set of inputs: the result, and what happens to the
 * inputs once it is decided.
 *
 * <p>Input callbacks run on any thread, concurrently. Each pending input keeps one callback that
 * references this object; once the result is decided a subclass drops everything sized by the
 * number of inputs ({@link #release()}), so those callbacks retain only a few fields.
 */
abstract class Aggregate {
  final CompletableFuture<Object> result = new CompletableFuture<>();
  /** Set before this aggregate cancels its inputs: the cancellations it caused are no failures. */
  volatile boolean cancelling;

  Aggregate() {
    // Runs only when the result completes, by which time the subclass is fully constructed.
    result.whenComplete((value, error) -> release());
  }

  /** Listens to every input; with {@link Remaining#CANCEL} the decided result cancels the rest. */
  final CompletableFuture<Object> attach(CompletableFuture<?>[] inputs, Remaining remaining) {
    Objects.requireNonNull(remaining, "remaining");
    if (remaining == Remaining.CANCEL) {
      // This closure holds the inputs until the result completes, and no longer.
      result.whenComplete((value, error) -> cancelAll(Arrays.asList(inputs)));
    }
    for (int i = 0; i < inputs.length; i++) {
      int index = i;
      inputs[i].whenComplete((value, error) -> onInput(index, value, error));
    }
    return result;
  }

  /** Cancels every future in {@code futures}; the done ones ignore it. */
  final void cancelAll(Iterable<? extends CompletableFuture<?>> futures) {
    cancelling = true;
    for (CompletableFuture<?> future : futures) {
      future.cancel(true);
    }
  }

  /** One input finished; {@code error} is null on success. Any thread; must not throw. */
  abstract void onInput(int index, Object value, Throwable error);

  /** Drops the per-input state once the result is decided. */
  abstract void release();

  /** A map's keys and futures as two arrays in one iteration order. */
  record Keyed(Object[] keys, CompletableFuture<?>[] inputs) {
    static Keyed of(Map<?, ? extends CompletableFuture<?>> futures) {
      Object[] keys = new Object[futures.size()];
      List<CompletableFuture<?>> values = new ArrayList<>(keys.length);
      for (Map.Entry<?, ? extends CompletableFuture<?>> entry : futures.entrySet()) {
        keys[values.size()] = entry.getKey();
        values.add(entry.getValue());
      }
      return new Keyed(keys, toArray(values));
    }
  }

  /** Copies {@code futures} into an array, refusing null elements. */
  static CompletableFuture<?>[] toArray(Collection<? extends CompletableFuture<?>> futures) {
    CompletableFuture<?>[] inputs = futures.toArray(new CompletableFuture<?>[0]);
    for (int i = 0; i < inputs.length; i++) {
      Objects.requireNonNull(inputs[i], "null future at index " + i);
    }
    return inputs;
  }
}

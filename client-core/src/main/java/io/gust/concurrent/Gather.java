package io.gust.concurrent;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of {@code all} and {@code allSettled}: one slot per input, filled as inputs finish,
 * turned into a list (or a map, when keys are given) in input order once the last one is in.
 *
 * <p>Without {@code settle} the first failure decides the result and every later failure is added
 * to it as a suppressed exception when it arrives. With {@code settle} each slot holds an
 * {@link Outcome} and nothing fails.
 */
final class Gather extends Aggregate {
  private final boolean settle;
  private final boolean keyed;
  private final AtomicInteger pending;
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
  /** Values or outcomes in input order; null once the result is decided. */
  private volatile Object[] slots;
  /** The map keys in input order, or null for a list; null once the result is decided. */
  private volatile Object[] keys;

  Gather(int count, Object[] keys, boolean settle) {
    this.settle = settle;
    this.keyed = keys != null;
    this.pending = new AtomicInteger(count);
    this.slots = new Object[count];
    this.keys = keys;
    if (count == 0) {
      result.complete(finish(slots, keys));
    }
  }

  /** Gathers a list in input order. */
  static CompletableFuture<Object> list(CompletableFuture<?>[] inputs, boolean settle,
      Remaining remaining) {
    return new Gather(inputs.length, null, settle).attach(inputs, remaining);
  }

  /** Gathers a map with the keys of {@code futures}, in its iteration order. */
  static CompletableFuture<Object> map(Map<?, ? extends CompletableFuture<?>> futures,
      boolean settle, Remaining remaining) {
    Keyed keyed = Keyed.of(futures);
    return new Gather(keyed.inputs().length, keyed.keys(), settle)
        .attach(keyed.inputs(), remaining);
  }

  @Override
  void onInput(int index, Object value, Throwable error) {
    if (error != null && !settle) {
      fail(Outcome.cause(error));
      return;
    }
    Object[] filling = slots;
    if (filling == null) {
      return;
    }
    filling[index] = settle ? Outcome.of(value, error) : value;
    if (pending.decrementAndGet() == 0) {
      Object[] names = keys;
      if (!keyed || names != null) {
        result.complete(finish(filling, names));
      }
    }
  }

  private void fail(Throwable cause) {
    if (firstFailure.compareAndSet(null, cause)) {
      result.completeExceptionally(cause);
      return;
    }
    if (cancelling && cause instanceof CancellationException) {
      return;
    }
    Throwable first = firstFailure.get();
    if (first != cause) {
      first.addSuppressed(cause);
    }
  }

  @Override
  void release() {
    slots = null;
    keys = null;
  }

  private static Object finish(Object[] values, Object[] keys) {
    if (keys == null) {
      return Collections.unmodifiableList(Arrays.asList(values));
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }
}

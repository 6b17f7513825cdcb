package io.gust.concurrent;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bounded fan-out: calls the suppliers in order, with at most {@code maxInFlight} of their
 * futures running at once, starting the next as each one finishes; a {@link Gather} collects the
 * results in input order.
 *
 * <p>Starting is done by one thread at a time in a drain loop: a thread that finishes an input
 * while another thread is starting only leaves a note, which the starting thread picks up. So
 * suppliers that return completed futures run in a loop, never in a recursion, and the bound
 * holds whatever thread finishes what.
 */
final class Throttle {
  private final Gather gather;
  private final int maxInFlight;
  /** Suppliers not started yet; each slot is cleared when started. Null once decided. */
  private volatile Supplier<?>[] suppliers;
  /** Futures started and not finished; only kept with {@link Remaining#CANCEL}. */
  private final Set<CompletableFuture<?>> running;
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Drain requests; the thread that raises it from zero drains. */
  private final AtomicInteger drainRequests = new AtomicInteger();
  /** Index of the next supplier to start. Confined to the draining thread. */
  private int next;

  private Throttle(Supplier<?>[] suppliers, int maxInFlight, boolean settle, Remaining remaining) {
    this.gather = new Gather(suppliers.length, null, settle);
    this.maxInFlight = maxInFlight;
    this.suppliers = suppliers;
    this.running = remaining == Remaining.CANCEL ? ConcurrentHashMap.newKeySet() : null;
  }

  /** Runs {@code suppliers} with at most {@code maxInFlight} in flight; a list in input order. */
  static CompletableFuture<Object> start(List<? extends Supplier<?>> suppliers, int maxInFlight,
      boolean settle, Remaining remaining) {
    Objects.requireNonNull(remaining, "remaining");
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight < 1: " + maxInFlight);
    }
    Supplier<?>[] copy = suppliers.toArray(new Supplier<?>[0]);
    for (int i = 0; i < copy.length; i++) {
      Objects.requireNonNull(copy[i], "null supplier at index " + i);
    }
    Throttle throttle = new Throttle(copy, maxInFlight, settle, remaining);
    throttle.gather.result.whenComplete((value, error) -> throttle.stop());
    throttle.drain();
    return throttle.gather.result;
  }

  private void drain() {
    if (drainRequests.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      startWhileRoom();
      missed = drainRequests.addAndGet(-missed);
    } while (missed != 0);
  }

  private void startWhileRoom() {
    Supplier<?>[] waiting;
    while ((waiting = suppliers) != null && next < waiting.length
        && inFlight.get() < maxInFlight) {
      int index = next++;
      Supplier<?> supplier = waiting[index];
      waiting[index] = null;
      inFlight.incrementAndGet();
      launch(index, supplier);
    }
  }

  private void launch(int index, Supplier<?> supplier) {
    CompletableFuture<?> future = invoke(supplier);
    if (running != null) {
      running.add(future);
      if (gather.result.isDone()) {
        future.cancel(true);
      }
    }
    future.whenComplete((value, error) -> {
      if (running != null) {
        running.remove(future);
      }
      gather.onInput(index, value, error);
      inFlight.decrementAndGet();
      drain();
    });
  }

  private static CompletableFuture<?> invoke(Supplier<?> supplier) {
    try {
      Object future = supplier.get();
      if (future == null) {
        return CompletableFuture.failedFuture(new NullPointerException("supplier returned null"));
      }
      return (CompletableFuture<?>) future;
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
  }

  /** Once decided: start nothing more, and with CANCEL cancel what still runs. */
  private void stop() {
    suppliers = null;
    if (running != null) {
      gather.cancelAll(running);
    }
  }
}

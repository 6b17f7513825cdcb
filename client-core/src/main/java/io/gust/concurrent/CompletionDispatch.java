package io.gust.concurrent;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The callback form of {@code asCompleted}: hands each finished input to a callback, one at a
 * time and in the order they finished, then completes {@link #done}.
 *
 * <p>Inputs finishing on several threads at once queue up; whichever thread raises the drain
 * counter from zero delivers them all, so callbacks never overlap and never recurse. A callback
 * that throws does not stop the others: {@link #done} fails with its exception once every input
 * has been delivered (later ones suppressed). Cancelling {@link #done} stops the callbacks.
 */
final class CompletionDispatch<K, T> {
  private final BiConsumer<? super K, ? super Outcome<T>> callback;
  private final int count;
  private final Queue<Completion<K, T>> landed = new ConcurrentLinkedQueue<>();
  private final AtomicInteger drainRequests = new AtomicInteger();
  final CompletableFuture<Void> done = new CompletableFuture<>();
  /** Completions delivered so far. Confined to the draining thread. */
  private int delivered;
  /** The first exception a callback threw, or null. Confined to the draining thread. */
  private Throwable callbackError;

  CompletionDispatch(int count, BiConsumer<? super K, ? super Outcome<T>> callback) {
    this.count = count;
    this.callback = callback;
    if (count == 0) {
      done.complete(null);
    }
  }

  /**
   * Hands each input to {@code sink} once it finished, named by {@code keys[i]}, or by its index
   * when {@code keys} is null.
   */
  @SuppressWarnings("unchecked")
  static <K, T> void register(Object[] keys, CompletableFuture<?>[] inputs,
      Consumer<Completion<K, T>> sink) {
    for (int i = 0; i < inputs.length; i++) {
      K key = (K) (keys == null ? Integer.valueOf(i) : keys[i]);
      inputs[i].whenComplete((value, error) ->
          sink.accept(new Completion<>(key, Outcome.of((T) value, error))));
    }
  }

  /** Hands over a finished input; any thread. */
  void offer(Completion<K, T> completion) {
    landed.add(completion);
    if (drainRequests.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      Completion<K, T> next;
      while ((next = landed.poll()) != null) {
        deliver(next);
      }
      missed = drainRequests.addAndGet(-missed);
    } while (missed != 0);
  }

  private void deliver(Completion<K, T> completion) {
    delivered++;
    if (!done.isDone()) {
      try {
        callback.accept(completion.key(), completion.outcome());
      } catch (Throwable t) {
        if (callbackError == null) {
          callbackError = t;
        } else if (callbackError != t) {
          callbackError.addSuppressed(t);
        }
      }
    }
    if (delivered == count) {
      if (callbackError != null) {
        done.completeExceptionally(callbackError);
      } else {
        done.complete(null);
      }
    }
  }
}

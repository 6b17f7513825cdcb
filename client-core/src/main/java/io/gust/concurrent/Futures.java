package io.gust.concurrent;

import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Combinators for awaiting many futures at once: gather them ({@code all}, {@code allSettled}),
 * race them ({@code any}, {@code first}, {@code hedge}), take them as they land
 * ({@code asCompleted}), bound them ({@code allBounded}) and time them ({@code withTimeout},
 * {@code sleep}).
 *
 * <p><b>Threads.</b> Every method may be called from any thread and none blocks, except
 * {@link CompletionIterator#next()}, which refuses to run on a loop thread. A returned future
 * completes on the thread that completed the input deciding it (for fetches, typically a loop
 * thread), on the calling thread when the inputs were already complete, or on the loop whose
 * timer fired. Dependents registered with non-async methods ({@code thenApply}, ...) run there
 * too, so they must not block.
 *
 * <p><b>Errors.</b> Errors are reported as their real cause: a {@link CompletionException} that
 * merely wraps one is unwrapped. Nothing is silently lost: where a combinator fails with one
 * error, the others are attached to it as suppressed exceptions as they arrive, even though
 * callers may already be looking at it.
 *
 * <p><b>The inputs.</b> Combinators never cancel their inputs unless given
 * {@link Remaining#CANCEL}; then they cancel every input still running once their result is
 * decided, including when the caller cancels the returned future. {@code hedge} and the bounded
 * forms start their own futures: {@code hedge} always cancels its losers. Each input still
 * running after the result is decided keeps one small callback; the per-input state (result
 * slots, errors) is dropped as soon as the result is decided.
 *
 * <p><b>Timers</b> run on a loop, never on an extra thread. The overloads without an
 * {@link EventLoop} use the caller's loop when called on one, and otherwise a shared daemon loop
 * named {@code gust-timer}, created on first use.
 */
public final class Futures {
  private Futures() {}

  /**
   * The values of {@code futures} in input order, once all succeeded; fails with the first
   * failure, later ones attached to it as suppressed. No inputs: an empty list at once. The list
   * is unmodifiable and may hold nulls.
   */
  public static <T> CompletableFuture<List<T>> all(
      List<? extends CompletableFuture<? extends T>> futures) {
    return all(futures, Remaining.LEAVE);
  }

  /** Like {@link #all(List)}; {@code remaining} says what the first failure does to the rest. */
  public static <T> CompletableFuture<List<T>> all(
      List<? extends CompletableFuture<? extends T>> futures, Remaining remaining) {
    return typed(Gather.list(Aggregate.toArray(futures), false, remaining));
  }

  /**
   * The values of {@code futures} under the same keys, in the map's iteration order, once all
   * succeeded; fails like {@link #all(List)}. The map is unmodifiable and may hold null values.
   */
  public static <K, V> CompletableFuture<Map<K, V>> all(
      Map<K, ? extends CompletableFuture<? extends V>> futures) {
    return all(futures, Remaining.LEAVE);
  }

  /** Like {@link #all(Map)}; {@code remaining} says what the first failure does to the rest. */
  public static <K, V> CompletableFuture<Map<K, V>> all(
      Map<K, ? extends CompletableFuture<? extends V>> futures, Remaining remaining) {
    return typed(Gather.map(futures, false, remaining));
  }

  /** How each of {@code futures} ended, in input order, once all did; never fails. */
  public static <T> CompletableFuture<List<Outcome<T>>> allSettled(
      List<? extends CompletableFuture<? extends T>> futures) {
    return typed(Gather.list(Aggregate.toArray(futures), true, Remaining.LEAVE));
  }

  /** How each of {@code futures} ended, under the same keys, once all did; never fails. */
  public static <K, V> CompletableFuture<Map<K, Outcome<V>>> allSettled(
      Map<K, ? extends CompletableFuture<? extends V>> futures) {
    return typed(Gather.map(futures, true, Remaining.LEAVE));
  }

  /**
   * The first value of {@code futures} to arrive; fails only when all failed, with an
   * {@link AllFailedException} holding every error in input order. No inputs: fails at once with
   * an {@link AllFailedException} without causes.
   */
  public static <T> CompletableFuture<T> any(
      Collection<? extends CompletableFuture<? extends T>> futures) {
    return any(futures, Remaining.LEAVE);
  }

  /** Like {@link #any(Collection)}; with {@link Remaining#CANCEL} the losers are cancelled. */
  public static <T> CompletableFuture<T> any(
      Collection<? extends CompletableFuture<? extends T>> futures, Remaining remaining) {
    return typed(Race.any(Aggregate.toArray(futures), remaining));
  }

  /**
   * The outcome of whichever of {@code futures} completes first, success or failure. No inputs:
   * fails at once with {@link java.util.NoSuchElementException}.
   */
  public static <T> CompletableFuture<T> first(
      Collection<? extends CompletableFuture<? extends T>> futures) {
    return first(futures, Remaining.LEAVE);
  }

  /** Like {@link #first(Collection)}; with {@link Remaining#CANCEL} the others are cancelled. */
  public static <T> CompletableFuture<T> first(
      Collection<? extends CompletableFuture<? extends T>> futures, Remaining remaining) {
    return typed(Race.first(Aggregate.toArray(futures), remaining));
  }

  /** Like {@link #hedge(Supplier, Duration, int, EventLoop)} on the default timer loop. */
  public static <T> CompletableFuture<T> hedge(
      Supplier<? extends CompletableFuture<? extends T>> attempt, Duration delay,
      int maxAttempts) {
    return hedge(attempt, delay, maxAttempts, Timers.defaultLoop());
  }

  /**
   * Hedged attempts: starts one now; starts another when {@code delay} passed since the last
   * start without a success, or at once when an attempt fails; at most {@code maxAttempts} in
   * all. The first success wins and every other attempt is cancelled; cancelling the returned
   * future cancels them all. Fails when every attempt failed, with an {@link AllFailedException}
   * holding their errors in the order they failed.
   *
   * <p>The first attempt starts on the calling thread, later ones on {@code loop}'s thread. A
   * supplier that throws or returns null counts as a failed attempt.
   */
  public static <T> CompletableFuture<T> hedge(
      Supplier<? extends CompletableFuture<? extends T>> attempt, Duration delay,
      int maxAttempts, EventLoop loop) {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(loop, "loop");
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("delay < 0: " + delay);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
    }
    return new Hedge<T>(attempt, delay, maxAttempts, loop).start();
  }

  /**
   * The inputs as they finish, each named by its index, for a plain thread to iterate; its
   * {@code next()} blocks and refuses to run on a loop thread.
   */
  public static <T> CompletionIterator<Integer, T> asCompleted(
      List<? extends CompletableFuture<? extends T>> futures) {
    CompletableFuture<?>[] inputs = Aggregate.toArray(futures);
    CompletionIterator<Integer, T> iterator = new CompletionIterator<>(inputs.length);
    CompletionDispatch.register(null, inputs, iterator::offer);
    return iterator;
  }

  /** The inputs as they finish, each named by its key; see {@link #asCompleted(List)}. */
  public static <K, V> CompletionIterator<K, V> asCompleted(
      Map<K, ? extends CompletableFuture<? extends V>> futures) {
    Aggregate.Keyed keyed = Aggregate.Keyed.of(futures);
    CompletionIterator<K, V> iterator = new CompletionIterator<>(keyed.inputs().length);
    CompletionDispatch.register(keyed.keys(), keyed.inputs(), iterator::offer);
    return iterator;
  }

  /**
   * Calls {@code callback} with each input's index and outcome as it finishes; safe on a loop.
   * Callbacks run one at a time, in completion order, on a thread that completed an input. The
   * returned future completes once every input was delivered; it fails with the first exception
   * a callback threw (others suppressed). Cancelling it stops the callbacks, not the inputs.
   */
  public static <T> CompletableFuture<Void> asCompleted(
      List<? extends CompletableFuture<? extends T>> futures,
      BiConsumer<? super Integer, ? super Outcome<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    CompletableFuture<?>[] inputs = Aggregate.toArray(futures);
    CompletionDispatch<Integer, T> dispatch = new CompletionDispatch<>(inputs.length, callback);
    CompletionDispatch.register(null, inputs, dispatch::offer);
    return dispatch.done;
  }

  /** Like {@link #asCompleted(List, BiConsumer)}, naming each input by its key. */
  public static <K, V> CompletableFuture<Void> asCompleted(
      Map<K, ? extends CompletableFuture<? extends V>> futures,
      BiConsumer<? super K, ? super Outcome<V>> callback) {
    Objects.requireNonNull(callback, "callback");
    Aggregate.Keyed keyed = Aggregate.Keyed.of(futures);
    CompletionDispatch<K, V> dispatch = new CompletionDispatch<>(keyed.inputs().length, callback);
    CompletionDispatch.register(keyed.keys(), keyed.inputs(), dispatch::offer);
    return dispatch.done;
  }

  /** Like {@link #withTimeout(CompletableFuture, Duration, Remaining)}, leaving the input. */
  public static <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future,
      Duration timeout) {
    return withTimeout(future, timeout, Remaining.LEAVE);
  }

  /**
   * Like {@link #withTimeout(CompletableFuture, Duration, Remaining, EventLoop)} on the default
   * timer loop.
   */
  public static <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future,
      Duration timeout, Remaining remaining) {
    return withTimeout(future, timeout, remaining, Timers.defaultLoop());
  }

  /**
   * The outcome of {@code future}, or a {@link FutureTimeoutException} when it is not done within
   * {@code timeout}, timed on {@code loop} (the timeout completes the result on its thread). The
   * timer is cancelled as soon as either happens; {@code remaining} says whether a timeout (or
   * cancelling the returned future) cancels {@code future}. A closed loop fails the result with a
   * {@link java.util.concurrent.RejectedExecutionException}.
   */
  public static <T> CompletableFuture<T> withTimeout(CompletableFuture<T> future,
      Duration timeout, Remaining remaining, EventLoop loop) {
    return Timers.withTimeout(future, timeout, remaining, loop);
  }

  /** Like {@link #sleep(Duration, EventLoop)} on the default timer loop. */
  public static CompletableFuture<Void> sleep(Duration delay) {
    return sleep(delay, Timers.defaultLoop());
  }

  /**
   * A future completed with null on {@code loop}'s thread once {@code delay} has passed;
   * cancelling it cancels the timer. A closed loop fails it with a
   * {@link java.util.concurrent.RejectedExecutionException}.
   */
  public static CompletableFuture<Void> sleep(Duration delay, EventLoop loop) {
    return Timers.sleep(delay, loop);
  }

  /** Like {@link #allBounded(List, int, Remaining)}, leaving in-flight futures on failure. */
  public static <T> CompletableFuture<List<T>> allBounded(
      List<? extends Supplier<? extends CompletableFuture<? extends T>>> suppliers,
      int maxInFlight) {
    return allBounded(suppliers, maxInFlight, Remaining.LEAVE);
  }

  /**
   * Calls {@code suppliers} in order with at most {@code maxInFlight} of their futures running at
   * once, starting the next as each finishes; their values in input order, failing like
   * {@link #all(List)}. After the result is decided no supplier is called any more;
   * {@code remaining} says whether the ones in flight are cancelled.
   *
   * <p>The first suppliers are called on the calling thread, the others on threads that completed
   * an earlier future; suppliers must not block. One that throws or returns null counts as a
   * failed input. Already-complete futures are handled in a loop, not a recursion.
   */
  public static <T> CompletableFuture<List<T>> allBounded(
      List<? extends Supplier<? extends CompletableFuture<? extends T>>> suppliers,
      int maxInFlight, Remaining remaining) {
    return typed(Throttle.start(suppliers, maxInFlight, false, remaining));
  }

  /**
   * Like {@link #allBounded(List, int)} but keeps going through failures: how each supplier's
   * future ended, in input order; never fails.
   */
  public static <T> CompletableFuture<List<Outcome<T>>> allSettledBounded(
      List<? extends Supplier<? extends CompletableFuture<? extends T>>> suppliers,
      int maxInFlight) {
    return typed(Throttle.start(suppliers, maxInFlight, true, Remaining.LEAVE));
  }

  /** The internal futures are built untyped; the combinator's contract fixes their type. */
  @SuppressWarnings("unchecked")
  private static <R> CompletableFuture<R> typed(CompletableFuture<?> future) {
    return (CompletableFuture<R>) future;
  }
}

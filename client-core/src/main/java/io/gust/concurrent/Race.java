package io.gust.concurrent;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of {@code any} and {@code first}: the first success (or, for {@code first}, the first
 * completion of either kind) decides the result.
 *
 * <p>For {@code any}, errors are kept in input order until every input has failed; then the result
 * fails with an {@link AllFailedException} carrying them all.
 */
final class Race extends Aggregate {
  private final boolean firstOfEither;
  private final AtomicInteger pending;
  /** Errors by input index; null once the result is decided. */
  private volatile Throwable[] errors;

  private Race(int count, boolean firstOfEither) {
    this.firstOfEither = firstOfEither;
    this.pending = new AtomicInteger(count);
    this.errors = firstOfEither ? null : new Throwable[count];
  }

  /** The first success; fails when every input failed, or at once when there are none. */
  static CompletableFuture<Object> any(CompletableFuture<?>[] inputs, Remaining remaining) {
    Race race = new Race(inputs.length, false);
    if (inputs.length == 0) {
      race.result.completeExceptionally(
          new AllFailedException("any() of no futures: nothing can succeed", List.of()));
    }
    return race.attach(inputs, remaining);
  }

  /** The first completion, success or failure; fails at once when there are no inputs. */
  static CompletableFuture<Object> first(CompletableFuture<?>[] inputs, Remaining remaining) {
    Race race = new Race(inputs.length, true);
    if (inputs.length == 0) {
      race.result.completeExceptionally(
          new NoSuchElementException("first() of no futures: nothing can complete"));
    }
    return race.attach(inputs, remaining);
  }

  @Override
  void onInput(int index, Object value, Throwable error) {
    if (error == null) {
      result.complete(value);
      return;
    }
    Throwable cause = Outcome.cause(error);
    if (firstOfEither) {
      result.completeExceptionally(cause);
      return;
    }
    Throwable[] kept = errors;
    if (kept == null) {
      return;
    }
    kept[index] = cause;
    if (pending.decrementAndGet() == 0) {
      result.completeExceptionally(
          new AllFailedException("all " + kept.length + " futures failed", Arrays.asList(kept)));
    }
  }

  @Override
  void release() {
    errors = null;
  }
}

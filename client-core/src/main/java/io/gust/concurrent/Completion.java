package io.gust.concurrent;

import java.util.Objects;

/**
 * One input of {@link Futures#asCompleted} that has finished: which input it was (its index in a
 * list, its key in a map) and how it ended. Immutable.
 */
public record Completion<K, T>(K key, Outcome<T> outcome) {
  /** Requires a non-null outcome. */
  public Completion {
    Objects.requireNonNull(outcome, "outcome");
  }
}

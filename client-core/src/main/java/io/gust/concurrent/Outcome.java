package io.gust.concurrent;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * How one future ended: with a value (possibly null) or with an error. Immutable and thread-safe.
 *
 * <p>Errors are the real causes: a {@link CompletionException} that merely wraps one is unwrapped.
 */
public final class Outcome<T> {
  private final T value;
  private final Throwable error;

  private Outcome(T value, Throwable error) {
    this.value = value;
    this.error = error;
  }

  /** A successful outcome; {@code value} may be null. */
  public static <T> Outcome<T> success(T value) {
    return new Outcome<>(value, null);
  }

  /** A failed outcome; a {@link CompletionException} with a cause is replaced by that cause. */
  public static <T> Outcome<T> failure(Throwable error) {
    return new Outcome<>(null, cause(Objects.requireNonNull(error, "error")));
  }

  /** The outcome of a {@code whenComplete} callback's arguments. */
  static <T> Outcome<T> of(T value, Throwable error) {
    return error == null ? success(value) : failure(error);
  }

  /** The real cause behind the wrappers {@link java.util.concurrent.CompletableFuture} adds. */
  static Throwable cause(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** True when the future completed normally. */
  public boolean isSuccess() {
    return error == null;
  }

  /** True when the future failed because it was cancelled. */
  public boolean isCancelled() {
    return error instanceof CancellationException;
  }

  /**
   * The value of a successful outcome.
   *
   * @throws IllegalStateException when the outcome is a failure; its error is the cause
   */
  public T value() {
    if (error != null) {
      throw new IllegalStateException("outcome is a failure", error);
    }
    return value;
  }

  /**
   * The error of a failed outcome.
   *
   * @throws IllegalStateException when the outcome is a success
   */
  public Throwable error() {
    if (error == null) {
      throw new IllegalStateException("outcome is a success");
    }
    return error;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Outcome<?> that
        && Objects.equals(value, that.value) && Objects.equals(error, that.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, error);
  }

  @Override
  public String toString() {
    return error == null ? "Success[" + value + "]" : "Failure[" + error + "]";
  }
}

package io.gust.concurrent;

import java.util.List;

/**
 * The failure of a race in which nothing succeeded ({@link Futures#any}, {@link Futures#hedge}):
 * it carries every error, each also attached as a suppressed exception so that a printed stack
 * trace shows them all.
 *
 * <p>{@code any} of no futures fails with this exception and no causes.
 */
public final class AllFailedException extends Exception {
  private final List<Throwable> causes;

  AllFailedException(String message, List<Throwable> causes) {
    super(message);
    this.causes = List.copyOf(causes);
    for (Throwable cause : this.causes) {
      addSuppressed(cause);
    }
  }

  /** Every error, in the order documented by the combinator that failed; never null. */
  public List<Throwable> causes() {
    return causes;
  }
}

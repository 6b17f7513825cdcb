package io.gust.resolver;

import java.util.concurrent.CompletableFuture;

/**
 * A future completed at construction that nobody can change afterwards, so that one instance can
 * be handed to every caller of a cache hit without allocating: {@code complete} and {@code cancel}
 * already do nothing on a completed future, and the two {@code obtrude} methods refuse.
 */
final class SettledFuture<T> extends CompletableFuture<T> {
  SettledFuture(T value) {
    super.complete(value);
  }

  @Override
  public void obtrudeValue(T value) {
    throw new UnsupportedOperationException("a cached result is shared and cannot be changed");
  }

  @Override
  public void obtrudeException(Throwable ex) {
    throw new UnsupportedOperationException("a cached result is shared and cannot be changed");
  }
}

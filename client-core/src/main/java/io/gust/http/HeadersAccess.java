package io.gust.http;

import io.gust.client.Headers;

/**
 * The parts of {@link Headers} that only the codec may use: adding a field it has already
 * checked, unfolding an obs-fold and reusing a builder. {@link
 * Headers} installs the one instance when it is initialised; this package is not exported, so
 * applications cannot reach these operations.
 */
public abstract class HeadersAccess {
  private static HeadersAccess instance;

  /** Called once, by {@link Headers}'s static initialiser. */
  public static void install(HeadersAccess access) {
    if (instance != null) {
      throw new IllegalStateException("already installed");
    }
    instance = access;
  }

  static HeadersAccess get() {
    if (instance == null) {
      Headers.empty();
    }
    return instance;
  }

  /** Adds a field whose name and value the caller has already checked. */
  public abstract void addLenient(Headers.Builder builder, String name, String value);

  /** Appends {@code text} to the value of the builder's last field. */
  public abstract void appendToLastValue(Headers.Builder builder, String text);

  /** Removes every field from the builder, keeping its storage. */
  public abstract void clear(Headers.Builder builder);

  /**
   * Returns {@code previous} (which may be null) when it holds the very objects the builder
   * holds, in the same order, else the builder's fields built anew.
   */
  public abstract Headers buildOr(Headers.Builder builder, Headers previous);
}

package io.gust.client;

import io.gust.http.HeadersAccess;
import io.gust.http.HttpChars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable, ordered list of header (or trailer) fields. Lookups ignore the case of names;
 * each field keeps the spelling it was added or received with, and that spelling is what gets
 * written. A name may repeat; its values stay in order.
 *
 * <p>Names must be RFC 9110 tokens and values must hold no control character other than HTAB
 * (so no CR, LF or NUL): {@link Builder} throws {@link IllegalArgumentException} at once
 * otherwise. Instances are safe to share between threads. {@link #toString()} redacts the values
 * of credential-bearing fields.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(new String[0]);

  static {
    HeadersAccess.install(new Access());
  }

  /** Names and values alternating, in order: name at 2i, value at 2i + 1. */
  private final String[] namesAndValues;

  private Headers(String[] namesAndValues) {
    this.namesAndValues = namesAndValues;
  }

  /** Returns the headers with no fields. */
  public static Headers empty() {
    return EMPTY;
  }

  /** Returns headers of alternating names and values: {@code of("Accept", "text/plain")}. */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected alternating names and values");
    }
    Builder builder = new Builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  /** Returns the number of fields, counting each repetition of a name. */
  public int size() {
    return namesAndValues.length / 2;
  }

  /** Returns the name of field {@code index}, as spelled when it was added or received. */
  public String name(int index) {
    return namesAndValues[checkIndex(index) * 2];
  }

  /** Returns the value of field {@code index}. */
  public String value(int index) {
    return namesAndValues[checkIndex(index) * 2 + 1];
  }

  /**
   * Returns the first value of the fields named {@code name}, ignoring case, or null when there is
   * none. The first, like the JDK's {@code HttpHeaders.firstValue}: use {@link #values} when a
   * name may repeat.
   */
  public String get(String name) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (sameName(namesAndValues[i], name)) {
        return namesAndValues[i + 1];
      }
    }
    return null;
  }

  /** Returns every value of the fields named {@code name}, ignoring case, in order. */
  public List<String> values(String name) {
    List<String> result = null;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (sameName(namesAndValues[i], name)) {
        if (result == null) {
          result = new ArrayList<>(2);
        }
        result.add(namesAndValues[i + 1]);
      }
    }
    return result == null ? List.of() : Collections.unmodifiableList(result);
  }

  /** Returns the distinct names in order of first appearance, each in its first spelling. */
  public Set<String> names() {
    Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Set<String> result = new LinkedHashSet<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (seen.add(namesAndValues[i])) {
        result.add(namesAndValues[i]);
      }
    }
    return Collections.unmodifiableSet(result);
  }

  /** Returns a builder holding these fields. */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.addAll(this);
    return builder;
  }

  private static boolean sameName(String a, String b) {
    return HttpChars.sameName(a, b);
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size());
    }
    return index;
  }

  /** Equal when both hold the same fields in the same order, names compared ignoring case. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Headers)) {
      return false;
    }
    String[] that = ((Headers) other).namesAndValues;
    if (that.length != namesAndValues.length) {
      return false;
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!sameName(namesAndValues[i], that[i]) || !namesAndValues[i + 1].equals(that[i + 1])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = namesAndValues[i];
      for (int c = 0; c < name.length(); c++) {
        hash = 31 * hash + Character.toLowerCase(name.charAt(c));
      }
      hash = 31 * hash + namesAndValues[i + 1].hashCode();
    }
    return hash;
  }

  /** Returns one {@code name: value} line per field, with credential values redacted. */
  @Override
  public String toString() {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = namesAndValues[i];
      result.append(name).append(": ")
          .append(isSensitive(name) ? "<redacted>" : namesAndValues[i + 1]).append('\n');
    }
    return result.toString();
  }

  static boolean isSensitive(String name) {
    return sameName(name, "Authorization") || sameName(name, "Proxy-Authorization")
        || sameName(name, "Cookie") || sameName(name, "Set-Cookie");
  }

  /**
   * A mutable list of fields that builds {@link Headers}. Checks every name and value when it is
   * added. Not thread-safe.
   */
  public static final class Builder {
    /** Names and values alternating; only the first {@code 2 * size} entries are used. */
    private String[] namesAndValues = new String[16];

    private int size;

    /** Creates an empty builder. */
    public Builder() {}

    /** Adds a field after the others, keeping any field of the same name. */
    public Builder add(String name, String value) {
      HttpChars.checkToken(name, "header name");
      HttpChars.checkFieldValue(name, value);
      return addLenient(name, value);
    }

    /** Adds every field of {@code headers}, after those already here. */
    public Builder addAll(Headers headers) {
      String[] source = headers.namesAndValues;
      for (int i = 0; i < source.length; i += 2) {
        addLenient(source[i], source[i + 1]);
      }
      return this;
    }

    /**
     * Makes {@code value} the only value of {@code name}: it replaces the first field of that
     * name in place, and the others of that name are removed. Adds the field at the end when
     * there was none.
     */
    public Builder set(String name, String value) {
      HttpChars.checkToken(name, "header name");
      HttpChars.checkFieldValue(name, value);
      int first = indexOf(name);
      if (first < 0) {
        return addLenient(name, value);
      }
      namesAndValues[2 * first] = name;
      namesAndValues[2 * first + 1] = value;
      removeFrom(first + 1, name);
      return this;
    }

    /** Removes every field named {@code name}, ignoring case. */
    public Builder remove(String name) {
      removeFrom(0, name);
      return this;
    }

    /** Returns the first value of {@code name}, ignoring case, or null. */
    public String get(String name) {
      int index = indexOf(name);
      return index < 0 ? null : namesAndValues[2 * index + 1];
    }

    /** Returns immutable headers holding the fields added so far. */
    public Headers build() {
      return size == 0 ? EMPTY : new Headers(Arrays.copyOf(namesAndValues, 2 * size));
    }

    /**
     * Returns {@code previous} when it holds the very same name and value objects, in the same
     * order, as this builder; otherwise what {@link #build()} returns.
     */
    Headers buildOr(Headers previous) {
      if (previous == null || previous.namesAndValues.length != 2 * size) {
        return build();
      }
      String[] kept = previous.namesAndValues;
      for (int i = 0; i < kept.length; i++) {
        if (kept[i] != namesAndValues[i]) {
          return build();
        }
      }
      return previous;
    }

    /** Adds a field the caller has already checked. */
    Builder addLenient(String name, String value) {
      if (2 * size == namesAndValues.length) {
        namesAndValues = Arrays.copyOf(namesAndValues, namesAndValues.length * 2);
      }
      namesAndValues[2 * size] = name;
      namesAndValues[2 * size + 1] = value;
      size++;
      return this;
    }

    /** Appends {@code text} to the value of the last field (obs-fold unfolding). */
    void appendToLastValue(String text) {
      namesAndValues[2 * size - 1] = namesAndValues[2 * size - 1].concat(text);
    }

    /** The number of fields added so far. */
    public int size() {
      return size;
    }

    /** Removes every field; keeps the storage. */
    void clear() {
      Arrays.fill(namesAndValues, 0, 2 * size, null);
      size = 0;
    }

    private int indexOf(String name) {
      for (int i = 0; i < size; i++) {
        if (sameName(namesAndValues[2 * i], name)) {
          return i;
        }
      }
      return -1;
    }

    private void removeFrom(int start, String name) {
      int kept = start;
      for (int i = start; i < size; i++) {
        if (!sameName(namesAndValues[2 * i], name)) {
          namesAndValues[2 * kept] = namesAndValues[2 * i];
          namesAndValues[2 * kept + 1] = namesAndValues[2 * i + 1];
          kept++;
        }
      }
      Arrays.fill(namesAndValues, 2 * kept, 2 * size, null);
      size = kept;
    }
  }

  /** The codec's way in; see {@link HeadersAccess}. */
  private static final class Access extends HeadersAccess {
    @Override
    public void addLenient(Builder builder, String name, String value) {
      builder.addLenient(name, value);
    }

    @Override
    public void appendToLastValue(Builder builder, String text) {
      builder.appendToLastValue(text);
    }

    @Override
    public void clear(Builder builder) {
      builder.clear();
    }

    @Override
    public Headers buildOr(Builder builder, Headers previous) {
      return builder.buildOr(previous);
    }
  }
}

package io.gust.http2;

import java.util.Arrays;

/**
 * An immutable set of HTTP/2 settings (RFC 9113 §6.5.2): the parameters one SETTINGS frame
 * carries, or the values in force after merging several. Accessors answer the RFC's default for
 * a parameter that was never set. Identifiers this class does not know are dropped on receipt,
 * as the RFC requires.
 */
public final class Http2Settings {
  public static final int HEADER_TABLE_SIZE = 0x1;
  public static final int ENABLE_PUSH = 0x2;
  public static final int MAX_CONCURRENT_STREAMS = 0x3;
  public static final int INITIAL_WINDOW_SIZE = 0x4;
  public static final int MAX_FRAME_SIZE = 0x5;
  public static final int MAX_HEADER_LIST_SIZE = 0x6;

  /** The smallest and largest SETTINGS_MAX_FRAME_SIZE a peer may announce. */
  public static final int MIN_MAX_FRAME_SIZE = 16_384;
  public static final int MAX_MAX_FRAME_SIZE = 16_777_215;

  /** The largest flow-control window, and so the largest SETTINGS_INITIAL_WINDOW_SIZE. */
  public static final int MAX_WINDOW_SIZE = Integer.MAX_VALUE;

  /** No parameters: every accessor answers the RFC's default. */
  public static final Http2Settings DEFAULTS = new Http2Settings(0, new long[7]);

  private static final long UNLIMITED = 0xffff_ffffL;
  private static final long[] DEFAULT_VALUES = {0, 4096, 1, UNLIMITED, 65_535, 16_384, UNLIMITED};

  /** Bit {@code id} is set when parameter {@code id} is present. */
  private final int present;

  /** Values by identifier; 0 for parameters not present. */
  private final long[] values;

  private Http2Settings(int present, long[] values) {
    this.present = present;
    this.values = values;
  }

  /**
   * Returns these settings with parameter {@code id} set to {@code value}, checked as RFC 9113
   * §6.5.2 requires of a receiver.
   *
   * @throws IllegalArgumentException for an unknown identifier or a value the RFC forbids
   */
  public Http2Settings with(int id, long value) {
    String problem = problem(id, value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    long[] copy = Arrays.copyOf(values, values.length);
    copy[id] = value;
    return new Http2Settings(present | 1 << id, copy);
  }

  /** Returns these settings updated by every parameter present in {@code update}. */
  public Http2Settings mergedWith(Http2Settings update) {
    long[] copy = Arrays.copyOf(values, values.length);
    for (int id = HEADER_TABLE_SIZE; id <= MAX_HEADER_LIST_SIZE; id++) {
      if (update.isSet(id)) {
        copy[id] = update.values[id];
      }
    }
    return new Http2Settings(present | update.present, copy);
  }

  /** Returns true when parameter {@code id} is present. */
  public boolean isSet(int id) {
    return id >= HEADER_TABLE_SIZE && id <= MAX_HEADER_LIST_SIZE && (present & 1 << id) != 0;
  }

  /** Returns the value of parameter {@code id}, or its default when absent. */
  public long value(int id) {
    if (id < HEADER_TABLE_SIZE || id > MAX_HEADER_LIST_SIZE) {
      throw new IllegalArgumentException("unknown setting " + id);
    }
    return isSet(id) ? values[id] : DEFAULT_VALUES[id];
  }

  /** Returns the largest HPACK table the sender of these settings lets its peer's encoder use. */
  public int headerTableSize() {
    return (int) Math.min(value(HEADER_TABLE_SIZE), Integer.MAX_VALUE);
  }

  /** Returns true unless server push was turned off (Gust's clients always turn it off). */
  public boolean enablePush() {
    return value(ENABLE_PUSH) == 1;
  }

  /** Returns the stream limit; 2^32-1 when the peer set none. */
  public long maxConcurrentStreams() {
    return value(MAX_CONCURRENT_STREAMS);
  }

  /** Returns the flow-control window each new stream starts with. */
  public int initialWindowSize() {
    return (int) value(INITIAL_WINDOW_SIZE);
  }

  /** Returns the largest frame payload the sender of these settings accepts. */
  public int maxFrameSize() {
    return (int) value(MAX_FRAME_SIZE);
  }

  /** Returns the advisory header list limit; 2^32-1 when the peer set none. */
  public long maxHeaderListSize() {
    return value(MAX_HEADER_LIST_SIZE);
  }

  /** Returns the number of parameters present. */
  public int count() {
    return Integer.bitCount(present);
  }

  /** Returns the message saying why a receiver must refuse the pair, or null when it is fine. */
  static String problem(int id, long value) {
    if (value < 0 || value > UNLIMITED) {
      return "setting " + id + " value " + value + " is not an unsigned 32-bit integer";
    }
    switch (id) {
      case ENABLE_PUSH:
        return value > 1 ? "SETTINGS_ENABLE_PUSH must be 0 or 1, not " + value : null;
      case INITIAL_WINDOW_SIZE:
        return value > MAX_WINDOW_SIZE
            ? "SETTINGS_INITIAL_WINDOW_SIZE " + value + " passes 2^31-1" : null;
      case MAX_FRAME_SIZE:
        return value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE
            ? "SETTINGS_MAX_FRAME_SIZE " + value + " is outside 16384..16777215" : null;
      case HEADER_TABLE_SIZE:
      case MAX_CONCURRENT_STREAMS:
      case MAX_HEADER_LIST_SIZE:
        return null;
      default:
        return "unknown setting " + id;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Http2Settings that && present == that.present
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return present * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Http2Settings{");
    for (int id = HEADER_TABLE_SIZE; id <= MAX_HEADER_LIST_SIZE; id++) {
      if (isSet(id)) {
        out.append(out.length() > 14 ? ", " : "").append(id).append('=').append(values[id]);
      }
    }
    return out.append('}').toString();
  }
}

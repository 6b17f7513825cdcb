package io.gust.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} field value (RFC 9110 §5.6.7), formatted once per second and shared by every
 * loop. A stale read only means formatting the same second twice.
 */
final class HttpDate {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME
      .withZone(ZoneOffset.UTC);

  private record Cached(long epochSecond, String text) {}

  private static volatile Cached cached = new Cached(-1, "");

  private HttpDate() {}

  /** The current time as an IMF-fixdate. */
  static String now() {
    long second = System.currentTimeMillis() / 1000;
    Cached current = cached;
    if (current.epochSecond != second) {
      current = new Cached(second, FORMAT.format(Instant.ofEpochSecond(second)));
      cached = current;
    }
    return current.text;
  }
}

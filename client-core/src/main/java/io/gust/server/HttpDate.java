package io.gust.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okio.ByteString;

/**
 * The {@code Date} field value (RFC 9110 §5.6.7), formatted once per second and shared by every
 * loop. A stale read only means formatting the same second twice.
 */
final class HttpDate {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME
      .withZone(ZoneOffset.UTC);

  private record Cached(long epochSecond, String text, ByteString field) {}

  private static volatile Cached cached = new Cached(-1, "", ByteString.EMPTY);

  private HttpDate() {}

  /** The current time as an IMF-fixdate. */
  static String now() {
    return current().text;
  }

  /** The whole field line, {@code Date: value CRLF}, for the current second. */
  static ByteString field() {
    return current().field;
  }

  private static Cached current() {
    long second = System.currentTimeMillis() / 1000;
    Cached current = cached;
    if (current.epochSecond != second) {
      String text = FORMAT.format(Instant.ofEpochSecond(second));
      current = new Cached(second, text, ByteString.encodeUtf8("Date: " + text + "\r\n"));
      cached = current;
    }
    return current;
  }
}

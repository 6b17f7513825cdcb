package io.gust.client;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The lenient cookie-date parser of RFC 6265bis §5.1.1, which accepts the many date spellings
 * servers put in {@code Expires} ("Wed, 09 Jun 2021 10:18:14 GMT", "Wed, 09-Jun-21 10:18:14",
 * "Jun 9 10:18:14 2021" ...). Pure and thread-safe.
 */
final class CookieDates {
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private CookieDates() {}

  /** Sentinel {@link #parse} returns for text that is not a cookie date. */
  static final long INVALID = Long.MIN_VALUE;

  /** Returns the date as milliseconds since the epoch (UTC), or {@link #INVALID}. */
  static long parse(String text) {
    int hour = -1;
    int minute = -1;
    int second = -1;
    int day = -1;
    int month = -1;
    int year = -1;
    int i = 0;
    int length = text.length();
    while (i < length) {
      while (i < length && isDelimiter(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < length && !isDelimiter(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      String token = text.substring(start, i);
      int[] time;
      if (hour < 0 && (time = time(token)) != null) {
        hour = time[0];
        minute = time[1];
        second = time[2];
      } else if (day < 0 && digits(token, 1, 2) >= 0) {
        day = digits(token, 1, 2);
      } else if (month < 0 && month(token) >= 0) {
        month = month(token);
      } else if (year < 0 && digits(token, 2, 4) >= 0) {
        year = digits(token, 2, 4);
      }
    }
    if (year >= 70 && year <= 99) {
      year += 1900;
    } else if (year >= 0 && year <= 69) {
      year += 2000;
    }
    if (hour < 0 || day < 1 || day > 31 || month < 0 || year < 1601
        || hour > 23 || minute > 59 || second > 59) {
      return INVALID;
    }
    try {
      return LocalDateTime.of(year, month + 1, day, hour, minute, second)
          .toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException noSuchDay) {
      return INVALID;
    }
  }

  /**
   * delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. Characters above %xFF (which a
   * field decoded as ISO-8859-1 never holds) count as non-delimiters.
   */
  static boolean isDelimiter(char c) {
    return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40)
        || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  }

  /** hms-time = time-field ":" time-field ":" time-field, then a non-digit and anything. */
  private static int[] time(String token) {
    int[] fields = new int[3];
    int i = 0;
    for (int field = 0; field < 3; field++) {
      int start = i;
      int value = 0;
      while (i < token.length() && i - start < 2 && isDigit(token.charAt(i))) {
        value = value * 10 + token.charAt(i++) - '0';
      }
      if (i == start) {
        return null;
      }
      fields[field] = value;
      if (field < 2) {
        if (i >= token.length() || token.charAt(i) != ':') {
          return null;
        }
        i++;
      }
    }
    return i == token.length() || !isDigit(token.charAt(i)) ? fields : null;
  }

  /** min to max digits, then nothing or a non-digit followed by anything; -1 otherwise. */
  private static int digits(String token, int min, int max) {
    int value = 0;
    int i = 0;
    while (i < token.length() && isDigit(token.charAt(i))) {
      if (i == max) {
        return -1;
      }
      value = value * 10 + token.charAt(i++) - '0';
    }
    return i >= min ? value : -1;
  }

  /** The month (0 to 11) its first three letters name, case-insensitively; -1 otherwise. */
  private static int month(String token) {
    if (token.length() < 3) {
      return -1;
    }
    int index = MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT));
    return index >= 0 && index % 3 == 0 ? index / 3 : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

package io.gust.client;

import java.util.Locale;

/**
 * Parses one {@code Set-Cookie} field value as RFC 6265bis §5.6 says user agents must: leniently,
 * as browsers do, ignoring attributes it cannot read rather than the whole cookie, and ignoring
 * the cookie only for the faults the RFC names. Pure and thread-safe.
 */
final class SetCookieParser {
  /** Longest attribute value kept, in bytes (§5.6 step 3.5 of the attribute loop). */
  static final int MAX_ATTRIBUTE_VALUE_BYTES = 1024;
  /** The longest lifetime a cookie gets, whatever it asks for: 400 days (§5.6.1, §5.6.2). */
  static final long MAX_AGE_MILLIS = 400L * 24 * 60 * 60 * 1000;

  private SetCookieParser() {}

  /** What a Set-Cookie field says, before the storage model applies the request's context. */
  record Parsed(String name, String value, Long expiresAtMillis, String domain, String path,
      boolean secure, boolean httpOnly, Cookie.SameSite sameSite) {}

  /** Returns the parsed field, or null when RFC 6265bis says to ignore the cookie entirely. */
  static Parsed parse(String field, long nowMillis) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return null;
      }
    }
    int semicolon = field.indexOf(';');
    String pair = semicolon < 0 ? field : field.substring(0, semicolon);
    int equals = pair.indexOf('=');
    String name = equals < 0 ? "" : trim(pair.substring(0, equals));
    String value = trim(equals < 0 ? pair : pair.substring(equals + 1));
    if ((name.isEmpty() && value.isEmpty())
        || CookieRules.utf8Length(name) + CookieRules.utf8Length(value)
            > CookieRules.MAX_NAME_VALUE_BYTES) {
      return null;
    }
    Attributes attributes = new Attributes(nowMillis);
    while (semicolon >= 0) {
      int next = field.indexOf(';', semicolon + 1);
      String av = next < 0 ? field.substring(semicolon + 1) : field.substring(semicolon + 1, next);
      attributes.add(av);
      semicolon = next;
    }
    if (attributes.invalidDomain) {
      return null;
    }
    Long expiresAt = attributes.maxAgeExpiry != null ? attributes.maxAgeExpiry
        : attributes.expiresExpiry;
    return new Parsed(name, value, expiresAt, attributes.domain, attributes.path,
        attributes.secure, attributes.httpOnly, attributes.sameSite);
  }

  /** Removes leading and trailing spaces and tabs (WSP), not other characters. */
  static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isWsp(text.charAt(start))) {
      start++;
    }
    while (end > start && isWsp(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isWsp(char c) {
    return c == ' ' || c == '\t';
  }

  /** The attributes seen so far; for each, the last occurrence wins. */
  private static final class Attributes {
    final long nowMillis;
    Long maxAgeExpiry;
    Long expiresExpiry;
    String domain;
    String path;
    boolean secure;
    boolean httpOnly;
    boolean invalidDomain;
    Cookie.SameSite sameSite = Cookie.SameSite.UNSPECIFIED;

    Attributes(long nowMillis) {
      this.nowMillis = nowMillis;
    }

    void add(String av) {
      int equals = av.indexOf('=');
      String name = trim(equals < 0 ? av : av.substring(0, equals)).toLowerCase(Locale.ROOT);
      String value = equals < 0 ? "" : trim(av.substring(equals + 1));
      if (CookieRules.utf8Length(value) > MAX_ATTRIBUTE_VALUE_BYTES) {
        return;
      }
      switch (name) {
        case "expires" -> expires(value);
        case "max-age" -> maxAge(value);
        case "domain" -> domain(value);
        case "path" -> path = value.startsWith("/") ? value : null;
        case "secure" -> secure = true;
        case "httponly" -> httpOnly = true;
        case "samesite" -> sameSite = sameSite(value);
        default -> { }
      }
    }

    private void expires(String value) {
      long millis = CookieDates.parse(value);
      if (millis != CookieDates.INVALID) {
        expiresExpiry = Math.min(millis, cap());
      }
    }

    private void maxAge(String value) {
      boolean negative = value.startsWith("-");
      String digits = negative ? value.substring(1) : value;
      if (digits.isEmpty()) {
        return;
      }
      long seconds = 0;
      for (int i = 0; i < digits.length(); i++) {
        char c = digits.charAt(i);
        if (c < '0' || c > '9') {
          return;
        }
        seconds = Math.min(seconds * 10 + (c - '0'), MAX_AGE_MILLIS);
      }
      maxAgeExpiry = negative || seconds == 0 ? 0L
          : Math.min(nowMillis + Math.min(seconds, MAX_AGE_MILLIS / 1000) * 1000, cap());
    }

    private void domain(String value) {
      if (value.isEmpty()) {
        return;
      }
      String bare = value.startsWith(".") ? value.substring(1) : value;
      try {
        domain = bare.isEmpty() ? null : CookieRules.canonicalHost(bare);
        invalidDomain = false;
      } catch (IllegalArgumentException notIdna) {
        invalidDomain = true;
      }
    }

    private long cap() {
      return nowMillis + MAX_AGE_MILLIS;
    }

    private static Cookie.SameSite sameSite(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "none" -> Cookie.SameSite.NONE;
        case "lax" -> Cookie.SameSite.LAX;
        case "strict" -> Cookie.SameSite.STRICT;
        default -> Cookie.SameSite.UNSPECIFIED;
      };
    }
  }
}

package io.gust.http;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** Reads the {@code charset} parameter of a Content-Type value (RFC 9110 §8.3). */
public final class ContentTypes {
  private ContentTypes() {}

  /**
   * Returns the charset named by {@code contentType}'s charset parameter, or {@code fallback}
   * when there is none or the JDK does not know it.
   */
  public static Charset charset(String contentType, Charset fallback) {
    String name = charsetName(contentType);
    if (name == null) {
      return fallback;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return fallback;
    }
  }

  /** Returns the raw value of the charset parameter, unquoted, or null. */
  public static String charsetName(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    while (semicolon >= 0) {
      int start = skipOws(contentType, semicolon + 1);
      int end = contentType.indexOf(';', start);
      int paramEnd = end < 0 ? contentType.length() : end;
      if (contentType.regionMatches(true, start, "charset=", 0, 8)) {
        return unquote(contentType.substring(start + 8, paramEnd).trim());
      }
      semicolon = end;
    }
    return null;
  }

  private static int skipOws(String s, int index) {
    while (index < s.length() && HttpChars.isOws(s.charAt(index))) {
      index++;
    }
    return index;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
      return value.substring(1, value.length() - 1);
    }
    return value.isEmpty() ? null : value;
  }
}

package io.gust.http;

import io.gust.client.Headers;

/**
 * Walks the elements of a comma-separated field (RFC 9110 §5.6.1) across every field line of that
 * name, in order, trimmed of whitespace, skipping empty elements. A comma inside a quoted string
 * does not end an element. Allocates nothing per element.
 */
final class FieldList {
  private final Headers headers;
  private final String name;

  /** Index of the field line being read; -1 before the first. */
  private int field = -1;

  /** The value being read, or null when the next field line must be found. */
  private String value;

  /** Where the next element's search starts in {@link #value}. */
  private int position;

  /** Bounds of the current element in {@link #value}. */
  private int start;

  private int end;

  FieldList(Headers headers, String name) {
    this.headers = headers;
    this.name = name;
  }

  /** Moves to the next non-empty element; returns false when there is none. */
  boolean next() {
    while (true) {
      if (value == null && !nextField()) {
        return false;
      }
      if (position > value.length()) {
        value = null;
        continue;
      }
      int elementEnd = elementEnd(position);
      start = position;
      end = elementEnd;
      position = elementEnd + 1;
      while (start < end && HttpChars.isOws(value.charAt(start))) {
        start++;
      }
      while (end > start && HttpChars.isOws(value.charAt(end - 1))) {
        end--;
      }
      if (end > start) {
        return true;
      }
    }
  }

  /** Returns the index of the comma ending the element at {@code from}, outside quoted strings. */
  private int elementEnd(int from) {
    boolean quoted = false;
    for (int i = from, length = value.length(); i < length; i++) {
      char c = value.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return i;
      }
    }
    return value.length();
  }

  private boolean nextField() {
    for (field++; field < headers.size(); field++) {
      if (HttpChars.sameName(headers.name(field), name)) {
        value = headers.value(field);
        position = 0;
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the current element's leading token, before any {@code ;} parameters, equals {@code
   * token} ignoring case.
   */
  boolean is(String token) {
    int tokenEnd = start;
    while (tokenEnd < end && value.charAt(tokenEnd) != ';' && !HttpChars.isOws(value.charAt(tokenEnd))) {
      tokenEnd++;
    }
    return tokenEnd - start == token.length() && value.regionMatches(true, start, token, 0, token.length());
  }

  /** Whether the current element is exactly {@code token}, ignoring case, with no parameters. */
  boolean isBare(String token) {
    return end - start == token.length() && value.regionMatches(true, start, token, 0, end - start);
  }

  /**
   * Whether the current element is a token with well-formed parameters, as a transfer coding is
   * (RFC 9112 §7): {@code token *( OWS ";" OWS token BWS "=" BWS ( token / quoted-string ) )}.
   */
  boolean isTokenWithParameters() {
    int i = tokenEnd(start);
    if (i == start) {
      return false;
    }
    while (i < end) {
      i = owsEnd(i);
      if (i == end || value.charAt(i) != ';') {
        return false;
      }
      int name = owsEnd(i + 1);
      i = owsEnd(tokenEnd(name));
      if (i == name || i == end || value.charAt(i) != '=') {
        return false;
      }
      int parameterValue = owsEnd(i + 1);
      i = parameterValue < end && value.charAt(parameterValue) == '"'
          ? quotedEnd(parameterValue) : tokenEnd(parameterValue);
      if (i <= parameterValue) {
        return false;
      }
    }
    return true;
  }

  private int tokenEnd(int from) {
    int i = from;
    while (i < end && HttpChars.isTokenChar(value.charAt(i))) {
      i++;
    }
    return i;
  }

  private int owsEnd(int from) {
    int i = from;
    while (i < end && HttpChars.isOws(value.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Returns the index after the quoted-string opening at {@code quote}, or -1 when unclosed. */
  private int quotedEnd(int quote) {
    for (int i = quote + 1; i < end; i++) {
      char c = value.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        i++;
      } else if (!HttpChars.isFieldChar(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** Returns the current element as a decimal, or -1 when it is not one or overflows a long. */
  long decimal() {
    long result = 0;
    for (int i = start; i < end; i++) {
      int digit = value.charAt(i) - '0';
      if (digit < 0 || digit > 9 || result > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      result = result * 10 + digit;
    }
    return result;
  }
}

package io.gust.websocket;

import io.gust.http.HttpChars;

/**
 * Scans the list syntax of the handshake's header values (RFC 9110 §5.6): tokens, quoted strings,
 * optional whitespace and the separators between them. A value that breaks the syntax fails
 * with a {@link WebSocketHandshakeException} naming the header.
 */
final class HeaderScanner {
  private final String header;
  private final String value;
  private int pos;

  HeaderScanner(String header, String value) {
    this.header = header;
    this.value = value;
  }

  /** Skips spaces and tabs; returns true when the value has more characters. */
  boolean skipSpace() {
    while (pos < value.length() && (value.charAt(pos) == ' ' || value.charAt(pos) == '\t')) {
      pos++;
    }
    return pos < value.length();
  }

  /** Consumes {@code c} after optional whitespace if it is next; returns whether it was. */
  boolean consume(char c) {
    if (skipSpace() && value.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  boolean atEnd() {
    return !skipSpace();
  }

  /** Reads a token after optional whitespace. */
  String token() throws WebSocketHandshakeException {
    skipSpace();
    int start = pos;
    while (pos < value.length() && HttpChars.isTokenChar(value.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw malformed();
    }
    return value.substring(start, pos);
  }

  /** Reads a token or a quoted string after optional whitespace, unescaping the latter. */
  String tokenOrQuoted() throws WebSocketHandshakeException {
    if (!skipSpace() || value.charAt(pos) != '"') {
      return token();
    }
    StringBuilder text = new StringBuilder();
    for (pos++; pos < value.length(); pos++) {
      char c = value.charAt(pos);
      if (c == '"') {
        pos++;
        return text.toString();
      }
      if (c == '\\' && ++pos == value.length()) {
        break;
      }
      text.append(value.charAt(pos));
    }
    throw malformed();
  }

  /** Consumes the comma between two list elements, skipping empty elements; false at the end. */
  boolean nextElement() throws WebSocketHandshakeException {
    if (atEnd()) {
      return false;
    }
    if (!consume(',')) {
      throw malformed();
    }
    while (consume(',')) {
      // Empty list elements are allowed and ignored (RFC 9110 §5.6.1).
    }
    return !atEnd();
  }

  /** Skips leading empty elements; returns true when an element follows. */
  boolean firstElement() {
    while (consume(',')) {
      // As in nextElement.
    }
    return !atEnd();
  }

  WebSocketHandshakeException malformed() {
    return new WebSocketHandshakeException("malformed " + header + " at index " + pos);
  }
}

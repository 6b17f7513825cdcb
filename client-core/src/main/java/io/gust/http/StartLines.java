package io.gust.http;

import io.gust.client.Protocol;

/** Pieces shared by the status-line and request-line parsers (RFC 9112 §2.3, §3, §4). */
final class StartLines {
  private static final String[] METHODS = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT"};

  private StartLines() {}

  /** Returns the exact HTTP-version at {@code start} of {@code line}, or null if it is another. */
  static Protocol version(String line, int start) {
    if (!line.startsWith("HTTP/1.", start) || line.length() < start + 8) {
      return null;
    }
    char minor = line.charAt(start + 7);
    return minor == '1' ? Protocol.HTTP_1_1 : minor == '0' ? Protocol.HTTP_1_0 : null;
  }

  /** Returns {@code line.substring(0, end)}, reusing the constant for a common method. */
  static String method(String line, int end) {
    for (String method : METHODS) {
      if (method.length() == end && line.startsWith(method)) {
        return method;
      }
    }
    return line.substring(0, end);
  }
}

package io.gust.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a {@code WWW-Authenticate} or {@code Proxy-Authenticate} field value (RFC 9110 §11.2):
 * a comma-separated list of challenges, each an auth-scheme followed by a token68 or by a
 * comma-separated list of auth-params. A comma is ambiguous (next param or next challenge): a
 * token followed by "=" is a param, any other token starts a challenge. Single use.
 */
final class ChallengeParser {
  private final String input;
  private int pos;

  ChallengeParser(String input) {
    this.input = input;
  }

  List<AuthChallenge> challenges() {
    List<AuthChallenge> challenges = new ArrayList<>();
    while (true) {
      skipListSeparators();
      if (atEnd()) {
        return challenges;
      }
      String scheme = token();
      if (scheme.isEmpty()) {
        throw error("expected an auth-scheme");
      }
      int afterScheme = pos;
      skipSpaces();
      if (atEnd() || peek() == ',') {
        challenges.add(new AuthChallenge(scheme, null, Map.of()));
        continue;
      }
      if (pos == afterScheme) {
        throw error("expected a space after the auth-scheme");
      }
      String token68 = token68();
      if (token68 != null) {
        challenges.add(new AuthChallenge(scheme, token68, Map.of()));
      } else {
        challenges.add(new AuthChallenge(scheme, null, params()));
      }
    }
  }

  /** Reads a token68 ending the challenge, or returns null and leaves the position alone. */
  private String token68() {
    int start = pos;
    while (!atEnd() && isToken68Char(peek())) {
      pos++;
    }
    int end = pos;
    while (!atEnd() && peek() == '=') {
      pos++;
    }
    int withPadding = pos;
    skipSpaces();
    if (end > start && (atEnd() || peek() == ',')) {
      return input.substring(start, withPadding);
    }
    pos = start;
    return null;
  }

  /** Reads auth-params up to the end or to the comma before the next challenge's scheme. */
  private Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      String name = token();
      if (name.isEmpty()) {
        throw error("expected an auth-param name");
      }
      skipSpaces();
      if (atEnd() || peek() != '=') {
        throw error("expected '=' after auth-param " + name);
      }
      pos++;
      skipSpaces();
      boolean quoted = !atEnd() && peek() == '"';
      String value = quoted ? quotedString() : token();
      if (value.isEmpty() && !quoted) {
        throw error("expected a value for auth-param " + name);
      }
      params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
      skipSpaces();
      if (atEnd()) {
        return params;
      }
      if (peek() != ',') {
        throw error("expected ',' after auth-param " + name);
      }
      int beforeComma = pos;
      skipListSeparators();
      int next = pos;
      boolean anotherParam = !token().isEmpty() && skipSpacesThenPeekEquals();
      pos = anotherParam ? next : beforeComma;
      if (!anotherParam) {
        return params;
      }
    }
  }

  private boolean skipSpacesThenPeekEquals() {
    skipSpaces();
    return !atEnd() && peek() == '=';
  }

  private String quotedString() {
    StringBuilder value = new StringBuilder();
    pos++;
    while (!atEnd()) {
      char c = input.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        if (atEnd()) {
          break;
        }
        c = input.charAt(pos++);
      }
      value.append(c);
    }
    throw error("unterminated quoted-string");
  }

  private String token() {
    int start = pos;
    while (!atEnd() && isTokenChar(peek())) {
      pos++;
    }
    return input.substring(start, pos);
  }

  /** Skips optional whitespace and the empty list elements RFC 9110 §5.6.1 tolerates. */
  private void skipListSeparators() {
    while (!atEnd() && (peek() == ',' || peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  private void skipSpaces() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= input.length();
  }

  private char peek() {
    return input.charAt(pos);
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(problem + " at offset " + pos);
  }

  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-._~+/".indexOf(c) >= 0;
  }
}

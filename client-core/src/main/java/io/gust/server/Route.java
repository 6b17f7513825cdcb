package io.gust.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route: a method (or any) and a path pattern, exact, prefix or regular expression, with its
 * handler in one of the two styles. Immutable.
 */
final class Route {
  /** The method that matches every method. */
  static final String ANY_METHOD = "*";

  private final String method;
  private final String exact;
  private final String prefix;
  private final Pattern regex;
  /** A literal that every path the regex matches starts with, so most paths skip the matcher. */
  private final String regexPrefix;
  final Handler handler;
  final AsyncHandler asyncHandler;
  /** Set for a WebSocket route, whose other handlers are null. */
  final WebSocketRoute webSocket;

  private Route(String method, String exact, String prefix, Pattern regex, Handler handler,
      AsyncHandler asyncHandler, WebSocketRoute webSocket) {
    this.method = method;
    this.exact = exact;
    this.prefix = prefix;
    this.regex = regex;
    this.regexPrefix = regex == null ? "" : literalPrefix(regex);
    this.handler = handler;
    this.asyncHandler = asyncHandler;
    this.webSocket = webSocket;
  }

  /** A route for {@code path}: exact, or a prefix when it ends in {@code /*}. */
  static Route of(String method, String path, Handler handler, AsyncHandler asyncHandler) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
    if (path.endsWith("/*")) {
      return new Route(method, null, path.substring(0, path.length() - 1), null, handler,
          asyncHandler, null);
    }
    return new Route(method, path, null, null, handler, asyncHandler, null);
  }

  /** A GET route for {@code path} (exact, or a prefix ending in {@code /*}) that upgrades to WebSocket. */
  static Route webSocket(String path, WebSocketRoute webSocket) {
    Route plain = of("GET", path, null, null);
    return new Route("GET", plain.exact, plain.prefix, null, null, null, webSocket);
  }

  /** A route whose regular expression must match the whole path. */
  static Route of(String method, Pattern regex, Handler handler, AsyncHandler asyncHandler) {
    return new Route(method, null, null, regex, handler, asyncHandler, null);
  }

  String method() {
    return method;
  }

  boolean allowsMethod(String requestMethod) {
    return method.equals(ANY_METHOD) || method.equals(requestMethod);
  }

  /** The captured groups when {@code path} matches, else null. */
  List<String> match(String path) {
    if (exact != null) {
      return exact.equals(path) ? Collections.emptyList() : null;
    }
    if (prefix != null) {
      return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))
          ? Collections.emptyList() : null;
    }
    if (!path.startsWith(regexPrefix)) {
      return null;
    }
    Matcher matcher = regex.matcher(path);
    if (!matcher.matches()) {
      return null;
    }
    List<String> groups = new ArrayList<>(matcher.groupCount());
    for (int i = 1; i <= matcher.groupCount(); i++) {
      groups.add(matcher.group(i));
    }
    return Collections.unmodifiableList(groups);
  }

  /**
   * The plain characters a pattern starts with, up to its first metacharacter (less the last one
   * when a quantifier follows it); empty for a pattern with flags or an alternation.
   */
  static String literalPrefix(Pattern regex) {
    String pattern = regex.pattern();
    if (regex.flags() != 0 || pattern.indexOf('|') >= 0) {
      return "";
    }
    int end = 0;
    while (end < pattern.length() && "\\[](){}.*+?^$".indexOf(pattern.charAt(end)) < 0) {
      end++;
    }
    if (end < pattern.length() && end > 0 && "?*+{".indexOf(pattern.charAt(end)) >= 0) {
      end--;
    }
    return pattern.substring(0, end);
  }
}

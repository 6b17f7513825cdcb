package io.gust.client;

import java.net.URI;
import java.util.List;

/**
 * Where a client keeps the cookies servers set and finds those to send back. The client calls
 * {@link #save} with the {@code Set-Cookie} fields of each response and {@link #cookiesFor} before
 * each request, including redirects.
 *
 * <p>Both methods are called on loop threads, possibly of several loops at once: an
 * implementation must be thread-safe and must not block (no file or network I/O, no waiting on a
 * lock that a slow thread may hold). Persisting a jar is the application's business, off the
 * loop. {@link MemoryCookieJar} is the standard implementation; there is no jar unless the
 * application gives one.
 */
public interface CookieJar {
  /**
   * Returns the cookies to send with a request to {@code uri}, in the order of the {@code Cookie}
   * field (longer paths first, then earlier creation), or an empty list.
   */
  List<Cookie> cookiesFor(URI uri);

  /** Stores the cookies of the {@code Set-Cookie} field values of a response to {@code uri}. */
  void save(URI uri, List<String> setCookieFields);

  /** Returns the {@code Cookie} field value for {@code cookies}, or null when there are none. */
  static String header(List<Cookie> cookies) {
    if (cookies.isEmpty()) {
      return null;
    }
    StringBuilder field = new StringBuilder();
    for (Cookie cookie : cookies) {
      if (field.length() > 0) {
        field.append("; ");
      }
      field.append(cookie.pair());
    }
    return field.toString();
  }
}

package io.gust.client;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves cookies between a {@link CookieJar} and messages: the {@code Cookie} field of a request
 * about to be sent (each redirect hop included) and the {@code Set-Cookie} fields of each response.
 * For the client's fetch flow; runs on the loop thread and does nothing that blocks.
 *
 * <p>The merge rule: one {@code Cookie} field (RFC 6265 §5.4), the application's own pairs first
 * and as it wrote them, then the jar's cookies for the URI in the jar's order, except those whose
 * name the application already sent (its explicit value wins for that request).
 */
final class CookieFields {
  private CookieFields() {}

  /**
   * Returns {@code request} with the jar's cookies for its URI merged into its {@code Cookie}
   * field; the same request when the jar has none for it.
   */
  static HttpRequest withCookies(CookieJar jar, HttpRequest request) {
    List<Cookie> cookies = jar.cookiesFor(request.uri());
    if (cookies.isEmpty()) {
      return request;
    }
    String own = joined(request.headers().values("Cookie"));
    return request.newBuilder().setHeader("Cookie", merge(own, cookies)).build();
  }

  /** Returns the field of {@code own} (nullable) merged with {@code cookies}; null when empty. */
  static String merge(String own, List<Cookie> cookies) {
    if (cookies.isEmpty()) {
      return own;
    }
    Set<String> ownNames = new HashSet<>();
    StringBuilder field = new StringBuilder();
    for (String pair : own == null ? new String[0] : own.split(";")) {
      String trimmed = pair.strip();
      if (!trimmed.isEmpty()) {
        int equals = trimmed.indexOf('=');
        ownNames.add(equals < 0 ? "" : trimmed.substring(0, equals).strip());
        field.append(field.length() == 0 ? "" : "; ").append(trimmed);
      }
    }
    for (Cookie cookie : cookies) {
      if (!ownNames.contains(cookie.name())) {
        field.append(field.length() == 0 ? "" : "; ").append(cookie.pair());
      }
    }
    return field.length() == 0 ? null : field.toString();
  }

  /** Returns the values of several {@code Cookie} fields as one, or null for none. */
  static String joined(List<String> values) {
    return values.isEmpty() ? null : String.join("; ", values);
  }

  /** Stores the {@code Set-Cookie} fields of {@code response}, set by its request's URI. */
  static void save(CookieJar jar, HttpResponse response) {
    List<String> fields = response.headers().values("Set-Cookie");
    if (!fields.isEmpty()) {
      jar.save(response.request().uri(), fields);
    }
  }
}

package io.gust.client;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves cookies between a {@link CookieJar} and messages: the {@code Cookie} field of a request
 * about to be sent (each redirect hop included) and the {@code Set-Cookie} fields of each response.
 * For the client's fetch flow; runs on the loop thread and does nothing that blocks.
 */
final class CookieFields {
  private CookieFields() {}

  /**
   * Returns {@code request} with the jar's cookies for its URI in its {@code Cookie} field; the
   * same request when the jar has none. Pairs already in the field whose names the jar also has
   * are replaced by the jar's (so a retry built from a request that already went out, such as an
   * authenticator's, carries the jar's current values once); other pairs the application set
   * stay first.
   */
  static HttpRequest withCookies(CookieJar jar, HttpRequest request) {
    List<Cookie> cookies = jar.cookiesFor(request.uri());
    if (cookies.isEmpty()) {
      return request;
    }
    Set<String> names = new HashSet<>();
    cookies.forEach(cookie -> names.add(cookie.name()));
    StringBuilder field = new StringBuilder();
    String own = request.headers().get("Cookie");
    for (String pair : own == null ? new String[0] : own.split(";")) {
      String trimmed = pair.strip();
      int equals = trimmed.indexOf('=');
      if (!trimmed.isEmpty() && !names.contains(equals < 0 ? "" : trimmed.substring(0, equals))) {
        field.append(trimmed).append("; ");
      }
    }
    field.append(CookieJar.header(cookies));
    return request.newBuilder().setHeader("Cookie", field.toString()).build();
  }

  /** Stores the {@code Set-Cookie} fields of {@code response}, set by its request's URI. */
  static void save(CookieJar jar, HttpResponse response) {
    List<String> fields = response.headers().values("Set-Cookie");
    if (!fields.isEmpty()) {
      jar.save(response.request().uri(), fields);
    }
  }
}

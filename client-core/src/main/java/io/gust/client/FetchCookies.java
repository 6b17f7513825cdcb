package io.gust.client;

import java.util.List;
import java.util.Objects;

/**
 * The cookies of one {@link Fetch}: before each attempt (the first, each redirect hop, each
 * retry and each answer to a challenge) the jar's cookies for the URI are merged into the
 * request's {@code Cookie} field by {@link CookieFields}' rule, and every response's {@code
 * Set-Cookie} fields, 3xx and 401 included, go to the jar. Loop-confined, like its fetch; the
 * jar is called on the loop.
 *
 * <p>The fetch remembers the field it sent and the application's part of it, so that a request
 * carried over from the last attempt (a same-origin redirect, an authenticator's retry) is merged
 * afresh from the application's part: a cookie the jar dropped meanwhile is not sent again. A
 * redirect that leaves the origin has no Cookie field left, so the application's own cookies do
 * not follow it.
 */
final class FetchCookies {
  private final CookieJar jar;
  /** The application's part of the last field sent; null for none. */
  private String ownField;
  /** The last field sent, the jar's merged in; null before the first attempt or for none. */
  private String sentField;

  FetchCookies(CookieJar jar) {
    this.jar = jar;
  }

  /** Returns {@code request} as it goes out, with the jar's cookies merged in. */
  HttpRequest beforeSend(HttpRequest request) throws HttpClientException {
    List<String> values = request.headers().values("Cookie");
    String current = CookieFields.joined(values);
    String own = sentField != null && sentField.equals(current) ? ownField : current;
    List<Cookie> cookies;
    try {
      cookies = jar.cookiesFor(request.uri());
    } catch (RuntimeException e) {
      throw jarFailed(request, Phase.QUEUE, e);
    }
    String merged = CookieFields.merge(own, cookies);
    ownField = own;
    sentField = merged;
    if (Objects.equals(merged, current) && values.size() <= 1) {
      return request;
    }
    HttpRequest.Builder next = request.newBuilder();
    return (merged == null ? next.removeHeader("Cookie") : next.setHeader("Cookie", merged))
        .build();
  }

  /** Stores {@code response}'s cookies in the jar. */
  void received(HttpResponse response) throws HttpClientException {
    try {
      CookieFields.save(jar, response);
    } catch (RuntimeException e) {
      throw jarFailed(response.request(), Phase.HEADERS, e);
    }
  }

  private static HttpClientException jarFailed(HttpRequest request, Phase phase,
      RuntimeException e) {
    return new HttpClientException("the cookie jar failed for "
        + HttpClientException.safeUri(request.uri()), request, phase, e);
  }
}

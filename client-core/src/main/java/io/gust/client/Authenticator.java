package io.gust.client;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Answers a 401 (from the origin) or 407 (from a proxy) with the request to retry, carrying
 * credentials, or gives up. It may take its time, fetching a token or asking a user, but it must
 * not block the loop thread it is called on: return a stage that completes later (for blocking
 * work, on an executor of the application's).
 *
 * <p>The built-in authenticators ({@link #basic}, {@link #digest}, {@link #credentials}) answer
 * at once, try each set of credentials once (a second challenge means they were refused) except
 * when a Digest server says only that its nonce went stale, and are thread-safe. Callers bound the
 * number of attempts whatever an authenticator answers. Digest answers cover the method and
 * request-target the challenger saw: {@code /path?query} for a 401; for a 407, {@code CONNECT
 * host:port} for an https request (its tunnel) and the absolute URI for plain http.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * Returns a stage completing with the request to send instead of {@code response.request()},
   * or with null to give up and hand the 401 or 407 to the application.
   *
   * @param response the 401 or 407 response; {@code response.request()} is the request it answers
   * @param challenges the challenges of its {@code WWW-Authenticate} (401) or {@code
   *     Proxy-Authenticate} (407) fields, in order; see {@link AuthChallenge#parseAll}
   * @param attempt 1 for the first challenge to a request, 2 when the retry was challenged
   *     again, and so on
   */
  CompletionStage<HttpRequest> authenticate(HttpResponse response, List<AuthChallenge> challenges,
      int attempt);

  /** Answers Basic challenges only (RFC 7617: UTF-8, NFC-normalised credentials). */
  static Authenticator basic(String user, String password) {
    return new PasswordAuthenticator(user, password, true, false);
  }

  /**
   * Answers Digest challenges only (RFC 7616: MD5, SHA-256, SHA-512-256 and their -sess forms,
   * qop auth and auth-int, userhash), choosing the strongest algorithm offered.
   */
  static Authenticator digest(String user, String password) {
    return new PasswordAuthenticator(user, password, false, true);
  }

  /** Answers the strongest challenge offered: Digest (strongest algorithm first), then Basic. */
  static Authenticator credentials(String user, String password) {
    return new PasswordAuthenticator(user, password, true, true);
  }
}

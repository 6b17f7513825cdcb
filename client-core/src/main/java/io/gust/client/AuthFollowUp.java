package io.gust.client;

import java.util.List;
import java.util.concurrent.CompletionStage;
import okio.ByteString;

/**
 * Answers the 401 and 407 responses of one {@link Fetch} through the client's (or the request's)
 * authenticators: it sits where OkHttp's follow-ups sit, beside redirects, inside the application
 * interceptors (which see one call) and outside the network interceptors (which see each
 * challenge and each retry as an attempt). Loop-confined, like its fetch.
 *
 * <p>A challenge that an authenticator may answer is held: its body is collected (bounded like
 * any collected body) rather than streamed to a sink or body callback, so the connection is
 * drained and goes back to the pool before the authenticator runs. The authenticator's stage is
 * awaited off the loop and its answer brought back onto it; a request goes out as the fetch's
 * next attempt (on the pooled connection when it was kept alive), null hands the held response
 * to the application (its header and body callbacks, or its sink, then hear it), and a failure
 * fails the fetch with {@link HttpAuthException}. The fetch's deadline and cancellation cover the
 * wait: an answer that comes after the fetch ended is dropped.
 *
 * <p>A request whose body is a one-shot producer cannot be sent again, so its challenge goes
 * straight to the application. 407s are answered only for requests an HTTP proxy forwarded:
 * for https (and upgrades), a proxy challenges the CONNECT that opens the tunnel, and a 407
 * inside the tunnel comes from the origin, which must never see proxy credentials; nor is a 407
 * answered when the request went to the origin directly or through SOCKS.
 */
final class AuthFollowUp {
  private final Fetch fetch;
  private final Authenticator client;
  private final Authenticator proxy;
  /** Answered challenges of the current request, per kind; reset by any other response. */
  private int originAttempts;
  private int proxyAttempts;
  /** An authenticator's stage is pending. Volatile: a cancel from elsewhere reads the phase. */
  private volatile boolean waiting;

  private AuthFollowUp(Fetch fetch, Authenticator client, Authenticator proxy) {
    this.fetch = fetch;
    this.client = client;
    this.proxy = proxy;
  }

  /** Returns the follow-up for {@code fetch}, or null when no authenticator could answer. */
  static AuthFollowUp forFetch(Fetch fetch, ClientConfig config, HttpRequest request) {
    Authenticator origin = request.authenticator() != null ? request.authenticator()
        : config.authenticator;
    return origin == null && config.proxyAuthenticator == null ? null
        : new AuthFollowUp(fetch, origin, config.proxyAuthenticator);
  }

  /** Whether an authenticator is being waited for. */
  boolean isWaiting() {
    return waiting;
  }

  /** Whether a response of {@code code} to {@code request} goes to an authenticator, body held. */
  boolean holds(HttpRequest request, int code) {
    return authenticatorFor(request, code) != null
        && (request.body() == null || request.body().isReplayable());
  }

  private Authenticator authenticatorFor(HttpRequest request, int code) {
    if (code == 401) {
      return request.authenticator() != null ? request.authenticator() : client;
    }
    if (code != 407 || !ProxyHeads.isForwarded(request, fetch.proxy())) {
      return null;
    }
    return proxy;
  }

  /**
   * Takes over {@code response} when it is a challenge to answer, and returns true; then the
   * fetch hears back through {@link Fetch#retryWithCredentials}, {@link Fetch#settle} or {@link
   * Fetch#fail}. Any other response resets the attempt counts and returns false.
   */
  boolean challenged(HttpResponse response) {
    HttpRequest request = response.request();
    int code = response.code();
    if (!holds(request, code)) {
      originAttempts = 0;
      proxyAttempts = 0;
      return false;
    }
    int attempt = code == 407 ? ++proxyAttempts : ++originAttempts;
    if (attempt > HttpAuthException.MAX_ATTEMPTS) {
      fetch.fail(new HttpAuthException(HttpAuthException.Kind.TOO_MANY_ATTEMPTS, response, null));
      return true;
    }
    List<AuthChallenge> challenges = AuthChallenge.parseAll(response.headers(),
        code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate");
    CompletionStage<HttpRequest> answer;
    try {
      answer = authenticatorFor(request, code).authenticate(response, challenges, attempt);
    } catch (RuntimeException | Error e) {
      fetch.fail(failed(response, e));
      return true;
    }
    if (answer == null) {
      fetch.fail(failed(response, new NullPointerException("returned null, not a stage")));
      return true;
    }
    waiting = true;
    answer.whenComplete((next, error) -> fetch.onLoop(() -> answered(response, next, error)));
    return true;
  }

  private void answered(HttpResponse response, HttpRequest next, Throwable error) {
    waiting = false;
    if (fetch.isDone()) {
      return;
    }
    if (error != null) {
      fetch.fail(failed(response, Failures.unwrap(error)));
    } else if (next != null) {
      fetch.retryWithCredentials(next);
    } else {
      release(response);
    }
  }

  private static HttpAuthException failed(HttpResponse response, Throwable cause) {
    return new HttpAuthException(HttpAuthException.Kind.AUTHENTICATOR_FAILED, response, cause);
  }

  /**
   * The authenticator gave up: the held response becomes the fetch's, and the callbacks the
   * exchange skipped while it was held hear it now (the body callback gets the body whole).
   */
  private void release(HttpResponse response) {
    HttpRequest request = response.request();
    ClientContext context = fetch.context();
    if (request.headerCallback() != null) {
      UserCallbacks.headers(context, request, response.toBuilder().body(ByteString.EMPTY).build());
    }
    if (request.bodyCallback() == null || fetch.sink() != null) {
      fetch.settle(response, true);
      return;
    }
    HttpResponse emptied = response.toBuilder().body(ByteString.EMPTY).build();
    new CallbackSink(request.bodyCallback(), context.callbackExecutor(), request)
        .takeWhole(response).whenComplete((ignored, failure) -> fetch.onLoop(() -> {
          if (failure != null) {
            fetch.fail(failure);
          } else if (!fetch.isDone()) {
            fetch.settle(emptied, false);
          }
        }));
  }
}

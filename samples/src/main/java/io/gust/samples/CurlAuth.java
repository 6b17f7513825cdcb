package io.gust.samples;

import io.gust.client.AuthChallenge;
import io.gust.client.Authenticator;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.RequestBody;
import java.io.Console;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * How {@code fetch} authenticates, as curl does with -u (or the URL's credentials) and --basic,
 * --digest or --anyauth. Basic is sent with the first request; Digest and "any" wait for a 401,
 * answer it once per request with the library's {@link Authenticator} (the strongest challenge
 * for --anyauth), and show the 401's head but not its body, as curl does. Credentials go to the
 * URL's host and port only.
 */
final class CurlAuth {
  /** --basic, --digest, --anyauth. */
  enum Mode { BASIC, DIGEST, ANY }

  private final Mode mode;
  /** Null when there are no credentials. */
  private final String user;
  private final String password;
  /** Where credentials may go: the first request's host and port. */
  private final String host;
  private final int port;
  /** The current request was answered already; a second 401 is the application's. */
  private boolean answered;
  /** Whether the request in flight is a probe without its body (see {@link #probe}). */
  private boolean probing;

  private CurlAuth(Mode mode, String user, String password, HttpRequest first) {
    this.mode = mode;
    this.user = user;
    this.password = password;
    this.host = first.host();
    this.port = first.port();
  }

  /**
   * The credentials of -u USER[:PASSWORD], else of the URL's {@code rawUserInfo}, else none.
   * Without a password curl asks for one; fetch asks only on a console, and takes an empty
   * password where there is none (a script's standard input is its data, not a password).
   */
  static CurlAuth of(CurlOptions options, String rawUserInfo, HttpRequest first, Console console) {
    String given = options.user != null ? options.user : rawUserInfo;
    if (given == null) {
      return new CurlAuth(options.authMode, null, null, first);
    }
    boolean decode = options.user == null;
    int colon = given.indexOf(':');
    String name = colon < 0 ? given : given.substring(0, colon);
    String password = colon >= 0 ? given.substring(colon + 1) : "";
    if (colon < 0 && options.user != null && console != null) {
      char[] typed = console.readPassword("Enter host password for user '%s':", name);
      password = typed == null ? "" : new String(typed);
    }
    return new CurlAuth(options.authMode, decode ? decode(name) : name,
        decode ? decode(password) : password, first);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * The credentials as curl writes them into the URL after a relative redirect: every byte but
   * letters, digits and {@code -._~} percent-encoded, in lower-case hex.
   */
  String userInfo() {
    return encode(user) + ":" + encode(password);
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02x", b & 0xff));
      }
    }
    return out.toString();
  }

  /** The Authorization of the first request: Basic credentials, else null. */
  String preemptive() {
    if (user == null || mode != Mode.BASIC) {
      return null;
    }
    return HttpRequest.newBuilder("http://localhost/").basicAuth(user, password).build()
        .headers().get("Authorization");
  }

  /** A new request (a redirect) may be answered once again. */
  void nextRequest() {
    answered = false;
  }

  /**
   * What to send for {@code request}: itself, or, as curl does, a probe without its body when
   * Digest (or --anyauth) will answer a challenge and the body is not yet sent; the answer to
   * the probe's response, whatever it is, sends the body.
   */
  HttpRequest probe(HttpRequest request) {
    probing = user != null && mode != Mode.BASIC && !answered && request.body() != null
        && request.body().contentLength() != 0;
    return !probing ? request : request.newBuilder()
        .method(request.method(), RequestBody.of(new byte[0])).removeHeader("Content-Type")
        .build();
  }

  /** Whether {@code head}, the response to {@code request}, is a 401 this fetch will answer. */
  boolean willAnswer(HttpResponse head, HttpRequest request) {
    if (probing) {
      return true;
    }
    if (user == null || mode == Mode.BASIC || answered || head.code() != 401
        || !host.equals(request.host()) || port != request.port()) {
      return false;
    }
    for (AuthChallenge challenge : AuthChallenge.parseAll(head.headers(), "WWW-Authenticate")) {
      if (challenge.isScheme("Digest") || (mode == Mode.ANY && challenge.isScheme("Basic"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request that answers {@code challenge}, or null when none can; after a probe that got no
   * challenge, the probe without Authorization (the body then goes without credentials).
   */
  HttpRequest answer(HttpResponse challenge) throws ExecutionException, InterruptedException {
    boolean probed = probing;
    probing = false;
    if (probed && !willAnswer(challenge, challenge.request())) {
      answered = true;
      return challenge.request().newBuilder().removeHeader("Authorization").build();
    }
    answered = true;
    Authenticator authenticator = mode == Mode.DIGEST ? Authenticator.digest(user, password)
        : Authenticator.credentials(user, password);
    List<AuthChallenge> challenges = AuthChallenge.parseAll(challenge.headers(),
        "WWW-Authenticate");
    return authenticator.authenticate(challenge, challenges, 1).toCompletableFuture().get();
  }
}

package io.gust.client;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import okio.ByteString;

/**
 * The built-in {@link Authenticator}s: a user name and password answered with Basic, Digest, or
 * the strongest of the two. Thread-safe; the only shared state, the nonce counts, sits behind a
 * lock held for a map lookup once per challenge, never on the per-byte path.
 */
final class PasswordAuthenticator implements Authenticator {
  /** Nonces whose count is remembered; the least recently used is forgotten beyond this. */
  private static final int MAX_NONCES = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String user;
  private final String password;
  private final boolean basic;
  private final boolean digest;
  /** Requests made with each nonce so far. Guarded by itself. */
  private final Map<String, Long> nonceCounts = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_NONCES;
    }
  };

  PasswordAuthenticator(String user, String password, boolean basic, boolean digest) {
    this.user = Normalizer.normalize(Objects.requireNonNull(user, "user"), Normalizer.Form.NFC);
    this.password = Normalizer.normalize(Objects.requireNonNull(password, "password"),
        Normalizer.Form.NFC);
    this.basic = basic;
    this.digest = digest;
    if (basic && !digest && user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic user name must not contain ':'");
    }
  }

  @Override
  public CompletionStage<HttpRequest> authenticate(HttpResponse response,
      List<AuthChallenge> challenges, int attempt) {
    HttpRequest request = response.request();
    ByteString body = bodyBytes(request.body());
    AuthChallenge best = strongest(challenges, body != null);
    boolean staleNonce = best != null && best.isScheme("Digest")
        && "true".equalsIgnoreCase(best.param("stale"));
    if (best == null || (attempt > 1 && !staleNonce)) {
      return CompletableFuture.completedFuture(null);
    }
    String field = response.code() == 407 ? "Proxy-Authorization" : "Authorization";
    String value = best.isScheme("Basic") ? BasicAuth.encode(user, password)
        : digestAnswer(best, request, body, response.code() == 407);
    return CompletableFuture.completedFuture(request.newBuilder().setHeader(field, value).build());
  }

  /** Returns the usable challenge of highest rank; the first offered among equals. */
  AuthChallenge strongest(List<AuthChallenge> challenges, boolean bodyAvailable) {
    AuthChallenge best = null;
    int bestRank = 0;
    for (AuthChallenge challenge : challenges) {
      int rank = rank(challenge, bodyAvailable);
      if (rank > bestRank) {
        best = challenge;
        bestRank = rank;
      }
    }
    return best;
  }

  /** 0 for a challenge this authenticator cannot answer; Basic 1; Digest 2 and up by algorithm. */
  private int rank(AuthChallenge challenge, boolean bodyAvailable) {
    if (challenge.isScheme("Basic")) {
      return basic && user.indexOf(':') < 0 ? 1 : 0;
    }
    if (!digest || !challenge.isScheme("Digest") || challenge.param("nonce") == null) {
      return 0;
    }
    DigestScheme.Algorithm algorithm = DigestScheme.algorithm(challenge);
    if (algorithm == null || DigestScheme.qop(challenge, bodyAvailable) == null) {
      return 0;
    }
    return 2 + algorithm.ordinal();
  }

  private String digestAnswer(AuthChallenge challenge, HttpRequest request, ByteString body,
      boolean proxy) {
    DigestScheme.Qop qop = DigestScheme.qop(challenge, body != null);
    long count = 1;
    if (qop != DigestScheme.Qop.NONE) {
      synchronized (nonceCounts) {
        count = nonceCounts.merge(challenge.param("nonce"), 1L, Long::sum);
      }
    }
    boolean tunnel = proxy && request.isHttps();
    return DigestScheme.authorization(challenge, qop, new DigestScheme.Answer(user, password,
        tunnel ? "CONNECT" : request.method(), digestUri(request, proxy), body, cnonce(), count));
  }

  /**
   * The request-target the challenged request had on the wire, which Digest covers: origin-form
   * from the origin; from a proxy, authority-form for an https request (the proxy challenged its
   * CONNECT) and absolute-form for plain http.
   */
  static String digestUri(HttpRequest request, boolean proxy) {
    if (!proxy) {
      return request.requestTarget();
    }
    if (request.isHttps() || ProxyHeads.asksUpgrade(request)) {
      return ProxyHeads.connectAuthority(request);
    }
    return request.uri().toASCIIString();
  }

  /** Returns a fresh client nonce: 128 random bits, hex. */
  private static String cnonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return ByteString.of(bytes).hex();
  }

  /** Returns the body for auth-int: empty for none, the bytes when in memory, else null. */
  private static ByteString bodyBytes(RequestBody body) {
    if (body == null) {
      return ByteString.EMPTY;
    }
    return body.kind() == RequestBody.Kind.BYTES ? body.bytes() : null;
  }
}

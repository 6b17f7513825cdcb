package io.gust.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One challenge of a {@code WWW-Authenticate} or {@code Proxy-Authenticate} field (RFC 9110
 * §11.2): an authentication scheme with either a token68 or auth-params. Immutable and safe to
 * share between threads.
 *
 * <p>Parameter names are matched without regard to case; quoted-string values are unquoted.
 */
public final class AuthChallenge {
  private static final Logger log = LoggerFactory.getLogger(AuthChallenge.class);

  private final String scheme;
  private final String token68;
  /** Lower-case names to values, in the order received; the first of a repeated name wins. */
  private final Map<String, String> params;

  AuthChallenge(String scheme, String token68, Map<String, String> params) {
    this.scheme = scheme;
    this.token68 = token68;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Returns a challenge of {@code scheme} with auth-params given as alternating names and values. */
  public static AuthChallenge of(String scheme, String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected alternating names and values");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.putIfAbsent(namesAndValues[i].toLowerCase(Locale.ROOT), namesAndValues[i + 1]);
    }
    return new AuthChallenge(Objects.requireNonNull(scheme, "scheme"), null, params);
  }

  /**
   * Parses one field value, which may hold several challenges; throws IllegalArgumentException
   * naming the offset of the first character that breaks the grammar.
   */
  public static List<AuthChallenge> parse(String fieldValue) {
    return new ChallengeParser(fieldValue).challenges();
  }

  /**
   * Returns the challenges of every {@code fieldName} field of {@code headers}, in order. A field
   * that does not parse is skipped (and logged at DEBUG), as browsers and curl do, so that a
   * garbled legacy challenge does not hide a good one in another field.
   */
  public static List<AuthChallenge> parseAll(Headers headers, String fieldName) {
    List<AuthChallenge> challenges = new ArrayList<>();
    for (String value : headers.values(fieldName)) {
      try {
        challenges.addAll(parse(value));
      } catch (IllegalArgumentException e) {
        log.debug("skipped a malformed {} field: {}", fieldName, e.getMessage());
      }
    }
    return challenges;
  }

  /** Returns the scheme as received, such as "Basic" or "Digest"; compare without case. */
  public String scheme() {
    return scheme;
  }

  /** Returns whether this challenge's scheme is {@code name}, ignoring case. */
  public boolean isScheme(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /** Returns the token68 form's value, or null when the challenge has auth-params instead. */
  public String token68() {
    return token68;
  }

  /** Returns the auth-params by lower-case name, in the order received. */
  public Map<String, String> params() {
    return params;
  }

  /** Returns the value of auth-param {@code name}, ignoring case, or null. */
  public String param(String name) {
    return params.get(name.toLowerCase(Locale.ROOT));
  }

  /** Returns the realm, or null when there is none. */
  public String realm() {
    return param("realm");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuthChallenge that && scheme.equalsIgnoreCase(that.scheme)
        && Objects.equals(token68, that.token68) && params.equals(that.params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme.toLowerCase(Locale.ROOT), token68, params);
  }

  /** Returns the scheme and realm only: nonces and opaque values need not reach logs. */
  @Override
  public String toString() {
    return scheme + (realm() == null ? "" : " realm=\"" + realm() + "\"");
  }
}

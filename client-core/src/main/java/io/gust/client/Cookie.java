package io.gust.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored HTTP cookie (RFC 6265bis): its name, value, the domain and path it is sent to, when
 * it expires, and its flags. Immutable and safe to share between threads.
 *
 * <p>A host-only cookie goes back only to the exact host that set it; a domain cookie also to
 * that domain's subdomains. A session cookie ({@link #expiresAt()} null) lives as long as the jar
 * holds it. {@link #isHttpOnly()} and {@link #sameSite()} are kept as data for applications that
 * act as browsers: every request of this client is an HTTP request, so HttpOnly cookies are sent,
 * and the jar does not enforce SameSite, since a client has no notion of the site a request
 * comes from.
 * {@link #toString()} leaves the value out, since cookies often carry credentials.
 */
public final class Cookie {
  /** The {@code SameSite} attribute as the server sent it. */
  public enum SameSite {
    /** No SameSite attribute, or one with an unknown value. */
    UNSPECIFIED,
    /** {@code SameSite=None}. */
    NONE,
    /** {@code SameSite=Lax}. */
    LAX,
    /** {@code SameSite=Strict}. */
    STRICT
  }

  private final String name;
  private final String value;
  private final String domain;
  private final String path;
  private final Instant expiresAt;
  private final Instant createdAt;
  private final boolean hostOnly;
  private final boolean secure;
  private final boolean httpOnly;
  private final SameSite sameSite;

  private Cookie(Builder builder) {
    this.name = builder.name;
    this.value = builder.value;
    this.domain = builder.domain;
    this.path = builder.path;
    this.expiresAt = builder.expiresAt;
    this.createdAt = builder.createdAt;
    this.hostOnly = builder.hostOnly;
    this.secure = builder.secure;
    this.httpOnly = builder.httpOnly;
    this.sameSite = builder.sameSite;
  }

  /** Returns a builder for a host-only session cookie on {@code domain}, path "/". */
  public static Builder builder(String name, String value, String domain) {
    return new Builder(name, value, domain);
  }

  /** Returns a builder holding this cookie's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the name, possibly empty (a Set-Cookie field without "="). */
  public String name() {
    return name;
  }

  /** Returns the value, as the server sent it (quotes included). */
  public String value() {
    return value;
  }

  /** Returns the canonical (lower-case, ASCII) host or domain, without a leading dot. */
  public String domain() {
    return domain;
  }

  /** Returns the path, which starts with "/". */
  public String path() {
    return path;
  }

  /** Returns when the cookie expires, or null for a session cookie. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** Returns when the cookie was first stored; an update keeps the first creation time. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Returns whether the cookie goes only to {@link #domain()} itself, not its subdomains. */
  public boolean isHostOnly() {
    return hostOnly;
  }

  /** Returns whether the cookie is sent only over https (and wss). */
  public boolean isSecure() {
    return secure;
  }

  /** Returns whether the server marked the cookie HttpOnly (kept as data). */
  public boolean isHttpOnly() {
    return httpOnly;
  }

  /** Returns whether the cookie has an expiry time, as opposed to a session cookie. */
  public boolean isPersistent() {
    return expiresAt != null;
  }

  /** Returns the SameSite attribute (kept as data, not enforced). */
  public SameSite sameSite() {
    return sameSite;
  }

  /** Returns whether the cookie has expired at {@code now}. */
  public boolean isExpired(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  /** Returns {@code name=value}, or the value alone for a cookie without a name. */
  public String pair() {
    return name.isEmpty() ? value : name + "=" + value;
  }

  /** Returns whether both cookies have the same name, domain, host-only flag and path. */
  boolean replaces(Cookie other) {
    return name.equals(other.name) && domain.equals(other.domain) && hostOnly == other.hostOnly
        && path.equals(other.path);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Cookie)) {
      return false;
    }
    Cookie that = (Cookie) other;
    return replaces(that) && value.equals(that.value) && Objects.equals(expiresAt, that.expiresAt)
        && createdAt.equals(that.createdAt) && secure == that.secure && httpOnly == that.httpOnly
        && sameSite == that.sameSite;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, domain, path, expiresAt, createdAt, hostOnly);
  }

  @Override
  public String toString() {
    return "Cookie{" + name + " for " + (hostOnly ? "" : ".") + domain + path
        + (secure ? " secure" : "") + (httpOnly ? " httpOnly" : "")
        + (expiresAt == null ? " session" : " until " + expiresAt) + "}";
  }

  /** Builds a {@link Cookie}; the domain is canonicalised (lower case, punycode, no dot). */
  public static final class Builder {
    private final String name;
    private final String value;
    private final String domain;
    private String path = "/";
    private Instant expiresAt;
    private Instant createdAt = Instant.EPOCH;
    private boolean hostOnly = true;
    private boolean secure;
    private boolean httpOnly;
    private SameSite sameSite = SameSite.UNSPECIFIED;

    private Builder(String name, String value, String domain) {
      this.name = Objects.requireNonNull(name, "name");
      this.value = Objects.requireNonNull(value, "value");
      this.domain = CookieRules.canonicalHost(Objects.requireNonNull(domain, "domain"));
      if (this.domain.isEmpty()) {
        throw new IllegalArgumentException("a cookie needs a domain");
      }
      CookieRules.checkNameAndValue(name, value);
    }

    private Builder(Cookie cookie) {
      this.name = cookie.name;
      this.value = cookie.value;
      this.domain = cookie.domain;
      this.path = cookie.path;
      this.expiresAt = cookie.expiresAt;
      this.createdAt = cookie.createdAt;
      this.hostOnly = cookie.hostOnly;
      this.secure = cookie.secure;
      this.httpOnly = cookie.httpOnly;
      this.sameSite = cookie.sameSite;
    }

    /** Sets the path; it must start with "/". */
    public Builder path(String path) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a cookie path starts with /");
      }
      this.path = path;
      return this;
    }

    /** Sets the expiry time; null makes a session cookie. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** Sets the creation time, which orders cookies of equal path length in the Cookie field. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /** Sets whether the cookie goes only to its exact host (true, the default) or subdomains too. */
    public Builder hostOnly(boolean hostOnly) {
      this.hostOnly = hostOnly;
      return this;
    }

    /** Sets whether the cookie is sent only over https and wss. */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /** Sets the HttpOnly flag. */
    public Builder httpOnly(boolean httpOnly) {
      this.httpOnly = httpOnly;
      return this;
    }

    /** Sets the SameSite attribute. */
    public Builder sameSite(SameSite sameSite) {
      this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
      return this;
    }

    /** Returns the cookie. */
    public Cookie build() {
      return new Cookie(this);
    }
  }
}

package io.gust.client;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CookieJar} in memory that follows RFC 6265bis as browsers do: host-only and domain
 * cookies, path matching, Secure cookies only over https and wss (and never set or overwritten
 * from plain http), {@code Max-Age} over {@code Expires}, lifetimes capped at 400 days, the
 * {@code __Secure-} and {@code __Host-} prefixes, no cookies for public suffixes (from the Public
 * Suffix List snapshot shipped in the jar), at most 4096 bytes of name and value, and at most 50
 * cookies per domain and 3000 in all by default, evicting the least recently used.
 *
 * <p>Thread-safe: every method takes the jar's own lock for the few microseconds a lookup or an
 * update of the affected domains takes; it never does I/O or calls out while holding it, so a
 * loop thread never waits on anything slower than another loop's lookup. The lock is taken once
 * per request and per response with cookies, never per byte. Expiry is measured with the
 * {@link Clock} given to the builder (the system clock by default), so tests can drive it.
 */
public final class MemoryCookieJar implements CookieJar {
  private static final Logger log = LoggerFactory.getLogger(MemoryCookieJar.class);

  private final Clock clock;
  /** Null when the application turned the public-suffix check off. */
  private final PublicSuffixes publicSuffixes;
  /** Private, so that no application code can hold it. */
  private final Object lock = new Object();
  /** Guarded by {@link #lock}. */
  private final CookieStore store;

  private MemoryCookieJar(Builder builder) {
    this.clock = builder.clock;
    this.publicSuffixes = builder.rejectPublicSuffixes ? PublicSuffixes.snapshot() : null;
    this.store = new CookieStore(builder.maxCookies, builder.maxCookiesPerDomain);
  }

  /** Returns a jar with the default limits, the system clock and the public-suffix check. */
  public static MemoryCookieJar create() {
    return builder().build();
  }

  /** Returns a builder for a jar with other limits, another clock, or no public-suffix check. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Cookie> cookiesFor(URI uri) {
    String host = CookieRules.canonicalHost(uri);
    if (host == null) {
      return List.of();
    }
    String path = CookieRules.requestPath(uri);
    boolean secure = CookieRules.isSecure(uri);
    List<String> domains = new ArrayList<>();
    domains.add(host);
    if (!CookieRules.isIpAddress(host)) {
      for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
        domains.add(host.substring(dot + 1));
      }
    }
    long now = clock.millis();
    synchronized (lock) {
      return store.matching(domains, now, cookie ->
          (cookie.isHostOnly() ? host.equals(cookie.domain())
              : CookieRules.domainMatches(host, cookie.domain()))
          && CookieRules.pathMatches(path, cookie.path())
          && (secure || !cookie.isSecure()));
    }
  }

  @Override
  public void save(URI uri, List<String> setCookieFields) {
    String host = CookieRules.canonicalHost(uri);
    if (host == null) {
      return;
    }
    for (String field : setCookieFields) {
      long now = clock.millis();
      SetCookieParser.Parsed parsed = SetCookieParser.parse(field, now);
      Cookie cookie = parsed == null ? null : toCookie(parsed, uri, host, now);
      if (cookie == null) {
        log.debug("ignored a Set-Cookie field from {}", host);
        continue;
      }
      synchronized (lock) {
        if (!CookieRules.isSecure(uri) && shadowsSecureCookie(cookie)) {
          log.debug("ignored a cookie from {} that would overwrite a Secure one", host);
          continue;
        }
        Cookie old = store.existing(cookie);
        if (old != null) {
          cookie = cookie.toBuilder().createdAt(old.createdAt()).build();
        }
        store.put(cookie, now);
      }
    }
  }

  /**
   * Stores {@code cookie} as it is (import from a file, an application's own cookies), replacing
   * the one with the same name, domain, host-only flag and path.
   */
  public void add(Cookie cookie) {
    long now = clock.millis();
    synchronized (lock) {
      store.put(cookie, now);
    }
  }

  /** Stores each cookie as {@link #add} does, in order. */
  public void addAll(Collection<Cookie> cookies) {
    cookies.forEach(this::add);
  }

  /** Returns every unexpired cookie, in {@code Cookie} field order; a copy. */
  public List<Cookie> cookies() {
    long now = clock.millis();
    synchronized (lock) {
      return store.all(now);
    }
  }

  /** Returns how many cookies the store counts, expired ones included until they are swept. */
  int size() {
    synchronized (lock) {
      return store.size();
    }
  }

  /** Removes every cookie. */
  public void clear() {
    synchronized (lock) {
      store.clear();
    }
  }

  /** The storage model of §5.7 up to the store's lock: null when the cookie must be ignored. */
  private Cookie toCookie(SetCookieParser.Parsed parsed, URI uri, String host, long now) {
    String domain = parsed.domain();
    if (domain != null && publicSuffixes != null && !CookieRules.isIpAddress(domain)
        && publicSuffixes.isPublicSuffix(domain)) {
      if (!domain.equals(host)) {
        return null;
      }
      domain = null;
    }
    if (domain != null && !CookieRules.domainMatches(host, domain)) {
      return null;
    }
    if (domain != null && CookieRules.isIpAddress(domain)) {
      // An address domain-matches only itself (§5.1.3), so a domain cookie for it reaches no
      // other host: it is kept host-only, as curl and browsers keep it (and write it to files).
      domain = null;
    }
    String path = parsed.path() != null ? parsed.path() : CookieRules.defaultPath(uri);
    boolean hostOnly = domain == null;
    if ((parsed.secure() && !CookieRules.isSecure(uri))
        || !prefixesAllow(parsed, hostOnly)) {
      return null;
    }
    Long expiresAt = parsed.expiresAtMillis();
    return Cookie.builder(parsed.name(), parsed.value(), hostOnly ? host : domain)
        .path(path)
        .hostOnly(hostOnly)
        .secure(parsed.secure())
        .httpOnly(parsed.httpOnly())
        .sameSite(parsed.sameSite())
        .expiresAt(expiresAt == null ? null : Instant.ofEpochMilli(expiresAt))
        .createdAt(Instant.ofEpochMilli(now))
        .build();
  }

  /**
   * The {@code __Secure-} and {@code __Host-} rules, matched without regard to case as the latest
   * drafts and browsers do; {@code __Host-} needs an explicit {@code Path=/}.
   */
  private static boolean prefixesAllow(SetCookieParser.Parsed parsed, boolean hostOnly) {
    String name = parsed.name().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      String value = parsed.value().toLowerCase(Locale.ROOT);
      return !value.startsWith("__secure-") && !value.startsWith("__host-");
    }
    if (name.startsWith("__secure-")) {
      return parsed.secure();
    }
    if (name.startsWith("__host-")) {
      return parsed.secure() && hostOnly && "/".equals(parsed.path());
    }
    return true;
  }

  /**
   * Whether a non-Secure cookie from an insecure origin would overwrite or shadow a Secure cookie
   * of the same name whose domain overlaps and whose path it covers (§5.7 step 16).
   */
  private boolean shadowsSecureCookie(Cookie cookie) {
    if (cookie.isSecure()) {
      return false;
    }
    for (String domain : store.domains()) {
      if (!CookieRules.domainMatches(domain, cookie.domain())
          && !CookieRules.domainMatches(cookie.domain(), domain)) {
        continue;
      }
      for (Cookie stored : store.underDomain(domain)) {
        if (stored.isSecure() && stored.name().equals(cookie.name())
            && CookieRules.pathMatches(cookie.path(), stored.path())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Configures a {@link MemoryCookieJar}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int maxCookies = 3000;
    private int maxCookiesPerDomain = 50;
    private boolean rejectPublicSuffixes = true;

    private Builder() {}

    /** Sets the clock that creation and expiry are measured with. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how many cookies the jar holds in all (3000 by default). */
    public Builder maxCookies(int max) {
      this.maxCookies = positive(max);
      return this;
    }

    /** Sets how many cookies one domain may hold (50 by default). */
    public Builder maxCookiesPerDomain(int max) {
      this.maxCookiesPerDomain = positive(max);
      return this;
    }

    /**
     * Sets whether cookies for public suffixes ({@code Domain=co.uk}) are refused (the default);
     * turning it off is only for closed networks whose names the list does not know.
     */
    public Builder rejectPublicSuffixes(boolean reject) {
      this.rejectPublicSuffixes = reject;
      return this;
    }

    /** Builds the jar; reads the public-suffix snapshot on first use, so call it off the loop. */
    public MemoryCookieJar build() {
      return new MemoryCookieJar(this);
    }

    private static int positive(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("limit must be at least 1: " + max);
      }
      return max;
    }
  }
}

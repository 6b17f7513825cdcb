package io.gust.client;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a client's or a request's connections go on their way to the origin: straight there
 * ({@link #NONE}), through an HTTP proxy ({@link #http}), an HTTP proxy spoken to over TLS
 * ({@link #https}), or a SOCKS5 or SOCKS4a proxy ({@link #socks5}, {@link #socks4a}); or a
 * rule that picks one of those per request ({@link #selector}, {@link #fromEnvironment()}).
 * Immutable and thread-safe.
 *
 * <p>Plain http requests go to an HTTP proxy in absolute form; https requests go through a
 * {@code CONNECT} tunnel, inside which TLS runs end to end with the origin. Connections are pooled
 * per proxy and origin, so a tunnel is never reused for another origin and a direct connection
 * never for a proxied request. Credentials given here are sent preemptively to the proxy as Basic
 * {@code Proxy-Authorization} (on the {@code CONNECT} only, for a tunnel) and never to the origin;
 * {@link #toString()} never shows the password.
 */
public final class Proxy {
  /** What kind of proxy this is. */
  public enum Type {
    /** No proxy: connections go straight to the origin. */
    DIRECT,
    /** An HTTP proxy, spoken to in clear text. */
    HTTP,
    /** An HTTP proxy spoken to over TLS (curl's {@code https://} proxy). */
    HTTPS,
    /** A SOCKS5 proxy (RFC 1928), with username/password authentication (RFC 1929) if given. */
    SOCKS5,
    /** A SOCKS4a proxy: it resolves origin names; a user name given is sent as its user ID. */
    SOCKS4A,
    /** A rule that chooses one of the others for each request; see {@link #forUri}. */
    RULE
  }

  /** No proxy: every connection goes straight to the origin. */
  public static final Proxy NONE = new Proxy(Type.DIRECT, null, 0, null, null, false, null,
      null);

  private final Type type;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  /** For SOCKS5: the client resolves the origin's name itself (curl's {@code socks5://}). */
  private final boolean localResolution;
  /** For RULE: the choice for a request URI. */
  private final Function<URI, Proxy> rule;
  /**
   * For a proxy a {@link java.net.ProxySelector} chose: whom to tell it could not be reached, and
   * what to try next; null otherwise. Not part of equality.
   */
  private final ProxySelectorRule.Choice choice;

  private Proxy(Type type, String host, int port, String user, String password,
      boolean localResolution, Function<URI, Proxy> rule,
      ProxySelectorRule.Choice choice) {
    this.choice = choice;
    this.type = type;
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.localResolution = localResolution;
    this.rule = rule;
  }

  /** Returns an HTTP proxy at {@code host:port}; IPv6 literals may be bracketed. */
  public static Proxy http(String host, int port) {
    return fixed(Type.HTTP, host, port);
  }

  /**
   * Returns an HTTP proxy at {@code host:port} reached over TLS, verified with the client's TLS
   * options.
   */
  public static Proxy https(String host, int port) {
    return fixed(Type.HTTPS, host, port);
  }

  /**
   * Returns a SOCKS5 proxy at {@code host:port} that resolves origin names itself (curl's {@code
   * socks5h://}), so no lookup of the origin leaks to the local resolver.
   */
  public static Proxy socks5(String host, int port) {
    return fixed(Type.SOCKS5, host, port);
  }

  /**
   * Returns a SOCKS4a proxy at {@code host:port} (curl's {@code socks4a://}): it resolves origin
   * names itself; the user name of {@link #withCredentials}, if any, is its user ID.
   */
  public static Proxy socks4a(String host, int port) {
    return fixed(Type.SOCKS4A, host, port);
  }

  /**
   * Parses a proxy URL as curl's {@code -x} does: {@code http://}, {@code https://}, {@code
   * socks5://} (origin names resolved locally), {@code socks5h://} (by the proxy), optional
   * percent-encoded {@code user:password@}; no scheme means http, and the port defaults to 1080
   * (443 for https). Throws IllegalArgumentException for another scheme or a URL without a host.
   */
  public static Proxy of(String url) {
    return ProxyUrls.parse(url);
  }

  /** Parses {@code uri} as {@link #of(String)} does. */
  public static Proxy of(URI uri) {
    return ProxyUrls.parse(uri.toString());
  }

  /**
   * Returns a rule that asks {@code selector} for each request, on the loop thread, before the
   * request looks for a connection (so the selector must answer quickly and must not block; the
   * JDK's default one only reads system properties). The first answer is used: {@code DIRECT},
   * an HTTP proxy, or a SOCKS proxy (as SOCKS5, resolving names locally, since that is what the
   * JDK's own SOCKS support does); an unresolved proxy address keeps its name. No answer means
   * direct; a selector that throws fails the fetch with its exception as the cause. When a
   * proxy cannot be resolved, connected to or reached within the connect timeout, the selector's
   * {@code connectFailed} is called for it on the loop thread (what it throws is logged); when
   * its name did not resolve or the connection was refused, the next answer is tried, within
   * what is left of the same connect timeout, up to a {@code DIRECT} answer (tried like any
   * other, directly) or the last. When all fail, the fetch fails with the last one's error, the
   * earlier ones attached as suppressed.
   */
  public static Proxy selector(java.net.ProxySelector selector) {
    Objects.requireNonNull(selector, "selector");
    return rule(uri -> ProxySelectorRule.choose(selector, uri));
  }

  /**
   * Returns a rule read once, now, from the process environment with curl's rules; see {@link
   * #fromEnvironment(Map)}. Nothing is read unless this is called.
   */
  public static Proxy fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Returns a rule that follows curl's environment variables in {@code environment}: {@code
   * http_proxy} (lowercase only) for http, {@code https_proxy} or {@code HTTPS_PROXY} for https,
   * else {@code all_proxy} or {@code ALL_PROXY}; {@code no_proxy} or {@code NO_PROXY} lists hosts
   * reached directly, comma- or space-separated: {@code *} for all, a domain (with or without a
   * leading dot) for it and its subdomains, an IP literal, or a CIDR range. Throws
   * IllegalArgumentException for a proxy URL that {@link #of(String)} refuses.
   */
  public static Proxy fromEnvironment(Map<String, String> environment) {
    ProxyEnvironment rules = ProxyEnvironment.read(environment);
    return rule(rules::choose);
  }

  /**
   * Returns a rule that reaches the hosts of {@code noProxy} directly and every other through
   * this proxy (or rule); {@code noProxy} lists hosts as curl's {@code --noproxy} and {@code
   * no_proxy} do (see {@link #fromEnvironment(Map)}). Null or empty: this proxy as it is.
   */
  public Proxy except(String noProxy) {
    if (noProxy == null || noProxy.isBlank()) {
      return this;
    }
    ProxyEnvironment exempt = ProxyEnvironment.exempting(noProxy);
    return rule(uri -> exempt.exempts(uri) ? NONE : forUri(uri));
  }

  /**
   * Returns this SOCKS5 proxy resolving origin names locally and sending it addresses (curl's
   * {@code socks5://}); throws IllegalStateException for another type.
   */
  public Proxy withLocalResolution() {
    if (type != Type.SOCKS5) {
      throw new IllegalStateException("only a SOCKS5 proxy resolves names: " + this);
    }
    return new Proxy(type, host, port, user, password, true, null, choice);
  }

  /**
   * Returns this proxy with credentials: Basic {@code Proxy-Authorization} for an HTTP(S) proxy,
   * sent from the first request; username/password authentication for SOCKS5. For a rule, the
   * proxies it chooses get them. Throws IllegalStateException for {@link #NONE}.
   */
  public Proxy withCredentials(String user, String password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (rule != null) {
      return rule(uri -> {
        Proxy chosen = forUri(uri);
        return chosen.isDirect() ? chosen : chosen.withCredentials(user, password);
      });
    }
    if (host == null) {
      throw new IllegalStateException("credentials need a proxy: " + this);
    }
    return new Proxy(type, host, port, user, password, localResolution, null,
        choice == null ? null : choice.withCredentials(user, password));
  }

  /** Returns the kind of proxy. */
  public Type type() {
    return type;
  }

  /** Returns the proxy's host name or address (IPv6 without brackets); null for DIRECT and RULE. */
  public String host() {
    return host;
  }

  /** Returns the proxy's port; 0 for DIRECT and RULE. */
  public int port() {
    return port;
  }

  /** Returns the user name sent to the proxy, or null. */
  public String user() {
    return user;
  }

  /** Returns the password sent to the proxy, or null. */
  public String password() {
    return password;
  }

  /** Whether credentials are set. */
  public boolean hasCredentials() {
    return user != null;
  }

  /** Whether a SOCKS5 proxy is given names to resolve (true), or addresses resolved here. */
  public boolean resolvesNames() {
    return type == Type.SOCKS4A || type == Type.SOCKS5 && !localResolution;
  }

  /** Whether this is a SOCKS proxy, of either version. */
  boolean isSocks() {
    return type == Type.SOCKS5 || type == Type.SOCKS4A;
  }

  /** Whether this is an HTTP proxy, spoken to in plain text or over TLS. */
  boolean isHttp() {
    return type == Type.HTTP || type == Type.HTTPS;
  }

  /**
   * Returns the proxy a request for {@code uri} goes through: this one, or for a rule what the
   * rule chooses (never a rule).
   */
  public Proxy forUri(URI uri) {
    if (rule == null) {
      return this;
    }
    Proxy chosen = rule.apply(uri);
    return chosen == null || chosen.rule != null ? NONE : chosen;
  }

  /** This proxy as chosen by a selector: {@code choice} says whom to tell and what comes next. */
  Proxy chosenBy(ProxySelectorRule.Choice choice) {
    return new Proxy(type, host, port, user, password, localResolution, rule, choice);
  }

  /**
   * Tells whoever chose this proxy (a selector's {@code connectFailed}) that it could not be
   * reached for {@code uri}; does nothing for a proxy given directly. Runs on the caller's thread.
   */
  void unreachable(URI uri, IOException cause) {
    if (choice != null) {
      choice.failed(uri, cause);
    }
  }

  /**
   * What to try when this proxy cannot be reached: the next of a selector's answers ({@link
   * #NONE} for its DIRECT), or null when there is none.
   */
  Proxy fallback() {
    return choice == null ? null : choice.next;
  }

  /** Whether this is {@link Type#DIRECT}. */
  boolean isDirect() {
    return type == Type.DIRECT;
  }

  /** The host as written in a URL or a CONNECT target: IPv6 in brackets. */
  String hostForUrl() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  private static Proxy fixed(Type type, String host, int port) {
    Objects.requireNonNull(host, "host");
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    if (bare.isEmpty()) {
      throw new IllegalArgumentException("empty proxy host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("proxy port out of range: " + port);
    }
    return new Proxy(type, bare.toLowerCase(Locale.ROOT), port, null, null, false, null,
        null);
  }

  private static Proxy rule(Function<URI, Proxy> choice) {
    return new Proxy(Type.RULE, null, 0, null, null, false, choice, null);
  }

  /** Equal proxies share connections: same type, address, resolution and credentials. */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Proxy)) {
      return false;
    }
    Proxy that = (Proxy) other;
    return rule == null && that.rule == null && type == that.type && port == that.port
        && localResolution == that.localResolution && Objects.equals(host, that.host)
        && Objects.equals(user, that.user) && Objects.equals(password, that.password);
  }

  @Override
  public int hashCode() {
    return rule != null ? System.identityHashCode(this)
        : Objects.hash(type, host, port, user, localResolution);
  }

  /** Returns the proxy as a URL, with {@code ***} in place of any credentials. */
  @Override
  public String toString() {
    switch (type) {
      case DIRECT:
        return "Proxy.NONE";
      case RULE:
        return "Proxy{per request}";
      default:
        String scheme = type == Type.SOCKS5 ? (localResolution ? "socks5" : "socks5h")
            : type == Type.SOCKS4A ? "socks4a" : type.name().toLowerCase(Locale.ROOT);
        String credentials = user == null ? "" : "***@";
        return scheme + "://" + credentials + hostForUrl() + ":" + port;
    }
  }
}

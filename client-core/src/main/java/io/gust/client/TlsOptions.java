package io.gust.client;

import io.gust.net.ChannelStream;
import io.gust.net.TlsProviders;
import io.gust.net.TlsTaskPool;
import io.gust.net.TlsWarmUp;
import io.gust.net.TrustAllCertificates;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * How a {@link ChannelStream} speaks TLS: the {@link SSLContext} (trust and key material),
 * host name verification, protocol versions, cipher suites, ALPN protocols, client
 * authentication, the handshake timeout and the executor for the handshake's slow tasks.
 *
 * <p>Immutable and thread-safe: one instance serves any number of connections on any loops. The
 * defaults are the JDK's default context (its default trust store, no client certificate), host
 * name verification on, the JDK's protocols and cipher suites, ALPN offering {@code http/1.1},
 * a 10 second handshake timeout, and a small shared pool of daemon threads named {@code
 * gust-tls-N}. Host name verification and SNI apply to client streams; client authentication
 * applies to server streams, which need a context with a key manager.
 *
 * <p>{@link Builder#provider(String)} names another JSSE provider, such as Conscrypt (an optional
 * dependency, loaded only when named), to make the context from instead of the JDK's.
 */
public final class TlsOptions {
  /** The default handshake timeout. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /** Whether a server asks its clients for a certificate. */
  public enum ClientAuth {
    /** The server does not ask. */
    NONE,
    /** The server asks; a client without a certificate may still connect. */
    REQUESTED,
    /** The server asks and fails the handshake when the client sends none. */
    REQUIRED
  }

  private static final List<String> HTTP_1_ONLY = List.of("http/1.1");

  /**
   * The context given or made from {@link #provider}, or null for the JDK's default, looked up
   * on first use.
   */
  private final SSLContext sslContext;
  /** The provider named, or null for the JDK's. */
  private final Provider provider;
  private final boolean verifyHostname;
  private final boolean insecure;
  private final List<String> protocols;
  private final List<String> cipherSuites;
  private final List<String> applicationProtocols;
  private final ClientAuth clientAuth;
  private final Duration handshakeTimeout;
  private final Executor taskExecutor;
  private final boolean requireCloseNotify;
  private final boolean warmUp;

  private TlsOptions(Builder builder) {
    this.insecure = builder.insecure;
    if (builder.provider != null && builder.sslContext != null && !insecure) {
      throw new IllegalArgumentException("both a TLS provider and an SSLContext were given:"
          + " make the context from the provider (SSLContext.getInstance(\"TLS\", provider))");
    }
    this.provider = builder.provider;
    if (provider != null) {
      this.sslContext = TlsProviders.context(provider,
          insecure ? TrustAllCertificates.manager() : null);
    } else {
      this.sslContext = insecure ? TrustAllCertificates.sslContext() : builder.sslContext;
    }
    this.verifyHostname = builder.verifyHostname && !insecure;
    this.protocols = builder.protocols;
    this.cipherSuites = builder.cipherSuites;
    this.applicationProtocols = builder.applicationProtocols;
    this.clientAuth = builder.clientAuth;
    this.handshakeTimeout = builder.handshakeTimeout;
    this.requireCloseNotify = builder.requireCloseNotify;
    this.taskExecutor = builder.taskExecutor != null ? builder.taskExecutor : TlsTaskPool.shared();
    this.warmUp = builder.warmUp;
    if (warmUp) {
      TlsWarmUp.startOnce();
    }
  }

  /** A copy of {@code base} offering {@code applicationProtocols} in ALPN instead. */
  private TlsOptions(TlsOptions base, List<String> applicationProtocols) {
    this.insecure = base.insecure;
    this.sslContext = base.sslContext;
    this.provider = base.provider;
    this.verifyHostname = base.verifyHostname;
    this.protocols = base.protocols;
    this.cipherSuites = base.cipherSuites;
    this.applicationProtocols = List.copyOf(applicationProtocols);
    this.clientAuth = base.clientAuth;
    this.handshakeTimeout = base.handshakeTimeout;
    this.requireCloseNotify = base.requireCloseNotify;
    this.taskExecutor = base.taskExecutor;
    this.warmUp = base.warmUp;
  }

  /** These options with another ALPN offer (the client's HTTP versions decide it). */
  TlsOptions withApplicationProtocols(List<String> offered) {
    return offered.equals(applicationProtocols) ? this : new TlsOptions(this, offered);
  }

  /** The default options: see the class comment. */
  public static TlsOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** True when these options verify nothing: see {@link Builder#insecureTrustAllCertificates()}. */
  public boolean isInsecure() {
    return insecure;
  }

  /** The JSSE provider named by {@link Builder#provider(String)}, or null for the JDK's. */
  public Provider provider() {
    return provider;
  }

  /** The handshake timeout. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * The context that supplies trust and key material. Without one given, the JDK's default,
   * looked up on the first call (a client that never speaks TLS never loads its trust store).
   *
   * @throws IllegalStateException when no context was given and the JDK has no default one
   */
  public SSLContext sslContext() {
    if (sslContext != null) {
      return sslContext;
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default SSLContext", e);
    }
  }

  /** Whether a client checks that the server's certificate is valid for the host it asked for. */
  public boolean verifiesHostname() {
    return verifyHostname;
  }

  /** The protocol versions to enable; empty for the JDK's. */
  public List<String> protocols() {
    return protocols;
  }

  /** The cipher suites to enable, in preference order; empty for the JDK's. */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** Whether a server asks its clients for a certificate. */
  public ClientAuth clientAuth() {
    return clientAuth;
  }

  /** Where the handshake's delegated tasks run. */
  public Executor taskExecutor() {
    return taskExecutor;
  }

  /** Whether a body delimited by the connection's end needs close_notify to be complete. */
  public boolean requiresCloseNotify() {
    return requireCloseNotify;
  }

  /** Whether building these options started the JDK's TLS warm-up: see {@link Builder#warmUp}. */
  public boolean warmsUp() {
    return warmUp;
  }

  /** The ALPN protocols offered, in preference order; empty when ALPN is off. */
  public List<String> applicationProtocols() {
    return applicationProtocols;
  }

  /**
   * These options offering only {@code http/1.1} by ALPN: for TLS with an HTTPS proxy, which is
   * spoken to in HTTP/1.1 whatever the origins get. Itself when that is all it offers already.
   */
  TlsOptions http1Only() {
    return withApplicationProtocols(HTTP_1_ONLY);
  }

  /** A builder holding these options, to derive others from them. */
  public Builder newBuilder() {
    Builder builder = new Builder();
    // A context made from the provider is made again by the new options.
    builder.sslContext = provider == null && !insecure ? sslContext : null;
    builder.provider = provider;
    builder.verifyHostname = verifyHostname;
    builder.insecure = insecure;
    builder.protocols = protocols;
    builder.cipherSuites = cipherSuites;
    builder.applicationProtocols = applicationProtocols;
    builder.clientAuth = clientAuth;
    builder.handshakeTimeout = handshakeTimeout;
    builder.taskExecutor = taskExecutor;
    builder.requireCloseNotify = requireCloseNotify;
    builder.warmUp = warmUp;
    return builder;
  }

  /** Settings for {@link TlsOptions}; not thread-safe. */
  public static final class Builder {
    private SSLContext sslContext;
    private Provider provider;
    private boolean verifyHostname = true;
    private boolean insecure;
    private List<String> protocols = List.of();
    private List<String> cipherSuites = List.of();
    private List<String> applicationProtocols = List.of("http/1.1");
    private ClientAuth clientAuth = ClientAuth.NONE;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private Executor taskExecutor;
    private boolean requireCloseNotify;
    private boolean warmUp = true;

    private Builder() {}

    /**
     * The context whose trust managers judge the peer and whose key managers supply this side's
     * certificate (a client certificate, or a server's own). Default: {@link
     * SSLContext#getDefault()}.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * The JSSE provider that makes the context, with the JDK's default trust store (or, with
     * {@link #insecureTrustAllCertificates()}, trusting everything) and no certificate of its
     * own; default: the JDK's. {@code "Conscrypt"} selects Conscrypt (BoringSSL), which must be
     * on the class path ({@code org.conscrypt:conscrypt-openjdk-uber}, an optional dependency of
     * Gust) and is loaded only here; any other name is a provider registered with {@link
     * java.security.Security} or the class name of a provider. Not together with {@link
     * #sslContext}: for other trust or a client certificate, make that context from the
     * provider, {@code SSLContext.getInstance("TLS", provider)}.
     *
     * @throws IllegalArgumentException when there is no such provider, it cannot be loaded, or it
     *     offers no TLS
     */
    public Builder provider(String name) {
      this.provider = TlsProviders.find(Objects.requireNonNull(name, "name"));
      return this;
    }

    /**
     * Whether a client checks that the server's certificate is valid for the host it asked for
     * (endpoint identification {@code HTTPS}, RFC 2818); default true.
     */
    public Builder verifyHostname(boolean verifyHostname) {
      this.verifyHostname = verifyHostname;
      return this;
    }

    /**
     * INSECURE: accepts every certificate, whoever issued it, for any host, expired or not. This
     * removes all protection against an attacker on the network. Never use it in production; it
     * exists for the fetch CLI's {@code -k} and for throwaway tests. It replaces the {@link
     * #sslContext} with one that trusts everything and offers no client certificate.
     */
    public Builder insecureTrustAllCertificates() {
      this.insecure = true;
      return this;
    }

    /** The protocol versions to enable, such as {@code TLSv1.3}; default: the JDK's. */
    public Builder protocols(List<String> protocols) {
      this.protocols = nonEmptyCopy(protocols, "protocols");
      return this;
    }

    /** The cipher suites to enable, in preference order; default: the JDK's. */
    public Builder cipherSuites(List<String> cipherSuites) {
      this.cipherSuites = nonEmptyCopy(cipherSuites, "cipherSuites");
      return this;
    }

    /**
     * The ALPN protocols to offer (a client) or accept (a server), in preference order; default
     * {@code http/1.1}. An empty list turns ALPN off.
     */
    public Builder applicationProtocols(List<String> applicationProtocols) {
      this.applicationProtocols = List.copyOf(applicationProtocols);
      return this;
    }

    /** Whether a server asks clients for a certificate; default {@link ClientAuth#NONE}. */
    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
      return this;
    }

    /** How long the handshake may take from the stream's opening; default 10 seconds. */
    public Builder handshakeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("handshakeTimeout <= 0: " + timeout);
      }
      this.handshakeTimeout = timeout;
      return this;
    }

    /**
     * Whether an HTTP client takes a response body delimited by the connection's end (no
     * Content-Length, not chunked) as complete only when the server ended the connection with
     * close_notify; without one, the fetch fails with {@code TruncatedBodyException}, since an
     * attacker can cut such a body short by closing TCP. Default false, as in curl and browsers:
     * many servers close without close_notify.
     */
    public Builder requireCloseNotify(boolean require) {
      this.requireCloseNotify = require;
      return this;
    }

    /**
     * Whether building these options warms the JDK's TLS code up on a background thread (once
     * per JVM), so that the first handshake does not load it on a loop thread; true by default.
     * A short-lived program that rarely speaks TLS may turn it off to save start-up CPU.
     */
    public Builder warmUp(boolean warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /**
     * Where the handshake's delegated tasks (certificate checks, key exchange) run, so they never
     * hold up a loop; default: a small shared pool of daemon threads named {@code gust-tls-N}.
     */
    public Builder taskExecutor(Executor executor) {
      this.taskExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException when both a {@link #provider} and an {@link #sslContext}
     *     were given, or the provider cannot make a context
     */
    public TlsOptions build() {
      return new TlsOptions(this);
    }

    private static List<String> nonEmptyCopy(List<String> names, String what) {
      if (names.isEmpty()) {
        throw new IllegalArgumentException(what + " is empty");
      }
      return List.copyOf(names);
    }
  }
}

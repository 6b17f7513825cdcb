package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.Authenticator;
import io.gust.client.HttpTlsException;
import io.gust.client.Phase;
import io.gust.client.Proxy;
import io.gust.client.ProxyException;
import io.gust.client.TlsOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * The proxy of a {@code fetch}, chosen as curl chooses it: {@code -x/--proxy} (with {@code
 * -U/--proxy-user}, which also applies to a proxy from the environment), else the environment ({@code http_proxy}, {@code https_proxy}, {@code
 * all_proxy}); hosts listed by {@code --noproxy}, else by {@code no_proxy}, go direct. {@code
 * --proxy-digest} answers the proxy's Digest challenge instead of sending Basic at once; {@code
 * --proxy-insecure} and {@code --proxy-cacert} judge an HTTPS proxy's certificate. Also maps proxy
 * failures to curl's exit codes.
 */
final class FetchProxies {
  /** How an HTTPS proxy's certificate is judged when nothing says otherwise: the JDK's trust. */
  private static final TlsOptions DEFAULT_TRUST = TlsOptions.builder().warmUp(false).build();
  private final Proxy proxy;
  /** Answers a 407 with Digest; null for preemptive Basic (curl's default). */
  private final Authenticator digest;
  /** TLS with an HTTPS proxy: --proxy-insecure, --proxy-cacert, else the JDK's trust. */
  private TlsOptions proxyTls = DEFAULT_TRUST;
  /** Why the proxy's TLS cannot be set up (a bad --proxy-cacert file); null when it can. */
  private CurlError problem;

  private FetchProxies(Proxy proxy, Authenticator digest) {
    this.proxy = proxy;
    this.digest = digest;
  }

  /** Reads the options and {@code env}; throws IllegalArgumentException for a bad proxy URL. */
  static FetchProxies of(CurlOptions options, Map<String, String> env) {
    String noProxy = options.noProxy != null ? options.noProxy
        : env.getOrDefault("no_proxy", env.get("NO_PROXY"));
    if (options.proxy != null && options.proxy.isEmpty()) {
      return new FetchProxies(Proxy.NONE, null);
    }
    Proxy chosen;
    if (options.proxy == null) {
      Map<String, String> rules = new HashMap<>(env);
      rules.remove("no_proxy");
      rules.remove("NO_PROXY");
      chosen = Proxy.fromEnvironment(rules);
    } else {
      chosen = Proxy.of(options.proxy);
    }
    Authenticator digest = null;
    if (options.proxyUser != null) {
      int colon = options.proxyUser.indexOf(':');
      String user = colon < 0 ? options.proxyUser : options.proxyUser.substring(0, colon);
      String password = colon < 0 ? "" : options.proxyUser.substring(colon + 1);
      if (options.proxyDigest) {
        digest = Authenticator.digest(user, password);
      } else {
        chosen = chosen.withCredentials(user, password);
      }
    }
    FetchProxies proxies = new FetchProxies(chosen.except(noProxy), digest);
    proxies.proxyTrust(options, chosen.type() == Proxy.Type.HTTPS);
    return proxies;
  }

  /**
   * Reads --proxy-insecure and --proxy-cacert, which, as in curl, judge an HTTPS proxy apart from
   * the servers (-k and --cacert do not apply to it). A bad file is a problem for an https://
   * proxy only.
   */
  private void proxyTrust(CurlOptions options, boolean httpsProxy) {
    if (!options.proxyInsecure && options.proxyCaCert == null) {
      return;
    }
    try {
      TlsSettings.Trust trust = TlsSettings.trust(options.proxyInsecure, options.proxyCaCert);
      proxyTls = trust.tlsOptions().newBuilder().warmUp(false).build();
    } catch (CurlOptions.UsageException e) {
      problem = httpsProxy ? new CurlError(CurlError.CA_CERT_BAD_FILE, e.getMessage()) : null;
    }
  }

  /** Why the fetch cannot start (a bad --proxy-cacert for an https:// proxy); null when it can. */
  CurlError problem() {
    return problem;
  }

  /** The proxy choice (a rule when hosts go direct or the environment decides). */
  Proxy proxy() {
    return proxy;
  }

  /** Sets the proxy (and Digest answers) on {@code builder}. */
  AsyncHttpClient.Builder configure(AsyncHttpClient.Builder builder) {
    builder.proxy(proxy).proxyTls(proxyTls);
    return digest == null ? builder : builder.proxyAuthenticator(digest);
  }

  /** What a proxy URL curl cannot use means: curl's exit 7. */
  static CurlError unsupported(String url) {
    return new CurlError(CurlError.COULD_NOT_CONNECT, "Unsupported proxy syntax in '"
        + url.replaceAll("//[^@/]*@", "//") + "'");
  }

  /**
   * A failure of the proxy in curl's terms: 5 when its name did not resolve (6 for a SOCKS proxy,
   * as curl 7.88 says), 7 when it refused the connection, 97 for any other SOCKS failure, TLS
   * errors as TLS errors, 56 for the rest (a refused CONNECT
   * says its status, as curl does).
   */
  static CurlError failure(ProxyException error, String detail) {
    boolean socks = error.proxy().type() == Proxy.Type.SOCKS5
        || error.proxy().type() == Proxy.Type.SOCKS4A;
    if (error.phase() == Phase.DNS && socks) {
      return new CurlError(CurlError.COULD_NOT_RESOLVE,
          "Could not resolve host: " + error.proxy().host());
    }
    if (error.phase() == Phase.DNS) {
      return new CurlError(CurlError.COULD_NOT_RESOLVE_PROXY,
          "Could not resolve proxy: " + error.proxy().host());
    }
    if (error.phase() == Phase.CONNECT) {
      return new CurlError(CurlError.COULD_NOT_CONNECT, "Failed to connect to proxy (" + detail
          + ")");
    }
    if (socks) {
      return new CurlError(CurlError.PROXY, "SOCKS proxy failure (" + detail + ")");
    }
    if (error.getCause() instanceof HttpTlsException) {
      return CurlError.of(error.getCause(), 0);
    }
    if (error.statusCode() > 0) {
      return new CurlError(CurlError.RECEIVE_ERROR,
          "CONNECT tunnel failed, response " + error.statusCode());
    }
    return new CurlError(CurlError.RECEIVE_ERROR, "Proxy CONNECT aborted (" + detail + ")");
  }
}

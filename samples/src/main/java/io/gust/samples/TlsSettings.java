package io.gust.samples;

import io.gust.client.TlsOptions;
import io.gust.net.TlsProviders;
import io.gust.net.TrustAllCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS flags of fetch and bench: {@code -k} trusts everything, {@code --cacert FILE} trusts
 * exactly the PEM certificates in FILE (curl's meaning), neither the JDK defaults; fetch's
 * {@code --cert} and {@code --key} add a client certificate.
 */
final class TlsSettings {
  /** The class of a JSSE provider to make every client's TLS context from, when set. */
  static final String PROVIDER_PROPERTY = "gust.bench.tlsProvider";

  private TlsSettings() {}

  /**
   * How a client judges the server's certificate, in the two forms the clients take: an {@link
   * SSLContext} and the {@link X509TrustManager} inside it. With {@code insecure}, the manager
   * trusts every certificate and a client must also stop checking host names; with neither
   * {@code insecure} nor {@code caCert} (nullable), it is the JDK's default trust store.
   */
  record Trust(boolean insecure, Path caCert, SSLContext context, X509TrustManager manager) {
    /** Gust's options for this trust. */
    TlsOptions tlsOptions() {
      if (insecure) {
        return TlsOptions.builder().insecureTrustAllCertificates().build();
      }
      return caCert == null ? TlsOptions.defaults()
          : TlsOptions.builder().sslContext(context).build();
    }
  }

  /**
   * The TLS of {@code fetch}: the options for -k and --cacert ({@code caCert} nullable), offering
   * the client certificate of {@code keys} (null for none), and the context they use.
   */
  record ClientTls(TlsOptions options, SSLContext context) {
    static ClientTls of(boolean insecure, Path caCert, KeyManager[] keys)
        throws CurlOptions.UsageException, GeneralSecurityException {
      Trust trust = trust(insecure, caCert);
      SSLContext context = trust.context();
      if (keys != null) {
        context = SSLContext.getInstance("TLS");
        context.init(keys, new TrustManager[] {trust.manager()}, null);
      }
      return new ClientTls(TlsOptions.builder().sslContext(context).verifyHostname(!insecure)
          .build(), context);
    }
  }

  /**
   * The trust for {@code insecure} and {@code caCert} (nullable); neither gives the JDK's default
   * trust store.
   */
  static Trust trust(boolean insecure, Path caCert) throws CurlOptions.UsageException {
    try {
      Provider provider = benchProvider();
      X509TrustManager manager = insecure ? TrustAllCertificates.manager()
          : trustManager(caCert == null ? null : anchors(caCert), provider);
      SSLContext context = provider == null ? SSLContext.getInstance("TLS")
          : SSLContext.getInstance("TLS", provider);
      context.init(null, new TrustManager[] {manager}, null);
      return new Trust(insecure, caCert, context, manager);
    } catch (IOException | GeneralSecurityException e) {
      throw new CurlOptions.UsageException("error setting certificate file: " + caCert
          + " (" + e.getMessage() + ")");
    }
  }

  /**
   * The JSSE provider named by the system property {@value #PROVIDER_PROPERTY} ({@code
   * Conscrypt}, or another name {@link io.gust.client.TlsOptions.Builder#provider} takes), or null
   * for the JDK's: every client of bench then speaks TLS through it.
   */
  private static Provider benchProvider() throws GeneralSecurityException {
    String name = System.getProperty(PROVIDER_PROPERTY);
    if (name == null || name.isEmpty()) {
      return null;
    }
    try {
      return TlsProviders.find(name);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  /** A key store holding the certificates of the PEM file {@code caCert} as trusted entries. */
  private static KeyStore anchors(Path caCert) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caCert)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("no certificate in the file");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int index = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    return store;
  }

  /**
   * The PKIX trust manager over {@code anchors}, or over the default store when null: {@code
   * provider}'s own when it has one (Conscrypt needs its own), else the JDK's.
   */
  private static X509TrustManager trustManager(KeyStore anchors, Provider provider)
      throws GeneralSecurityException {
    TrustManagerFactory factory = TlsProviders.trustManagerFactory(provider);
    factory.init(anchors);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }
}

package io.gust.samples;

import io.gust.client.TlsOptions;
import io.gust.net.TrustAllCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
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
      X509TrustManager manager = insecure ? TrustAllCertificates.manager()
          : caCert == null ? trustManager(null) : trustManager(anchors(caCert));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {manager}, null);
      return new Trust(insecure, caCert, context, manager);
    } catch (IOException | GeneralSecurityException e) {
      throw new CurlOptions.UsageException("error setting certificate file: " + caCert
          + " (" + e.getMessage() + ")");
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

  /** The JDK's PKIX trust manager over {@code anchors}, or over its default store when null. */
  private static X509TrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }
}

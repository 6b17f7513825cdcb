package io.gust.samples;

import io.gust.net.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The fetch command's TLS flags as client options: {@code -k} trusts everything, {@code --cacert
 * FILE} trusts exactly the PEM certificates in FILE (curl's meaning), neither the JDK defaults.
 */
final class TlsSettings {
  private TlsSettings() {}

  /** The options for {@code insecure} and {@code caCert} (nullable). */
  static TlsOptions of(boolean insecure, Path caCert) throws CurlOptions.UsageException {
    if (insecure) {
      return TlsOptions.builder().insecureTrustAllCertificates().build();
    }
    if (caCert == null) {
      return TlsOptions.defaults();
    }
    try {
      return TlsOptions.builder().sslContext(trusting(caCert)).build();
    } catch (IOException | GeneralSecurityException e) {
      throw new CurlOptions.UsageException("error setting certificate file: " + caCert
          + " (" + e.getMessage() + ")");
    }
  }

  /** A context whose only trust anchors are the certificates in the PEM file {@code caCert}. */
  static SSLContext trusting(Path caCert) throws IOException, GeneralSecurityException {
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
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}

package io.gust.net;

import io.gust.client.TlsOptions;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * INSECURE: a trust manager that accepts every certificate chain and skips the host name check,
 * the one behind {@link TlsOptions.Builder#insecureTrustAllCertificates()}. For tests and tools
 * (curl's {@code -k}) that must configure other TLS clients the same way; never for production.
 */
public final class TrustAllCertificates extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];
  private static final TrustAllCertificates INSTANCE = new TrustAllCertificates();

  private TrustAllCertificates() {}

  /** Returns the manager; being an extended one, the JDK adds no checks of its own around it. */
  public static X509ExtendedTrustManager manager() {
    return INSTANCE;
  }

  /** A new context that trusts every certificate and presents none. */
  public static SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {INSTANCE}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot create a TLS context", e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS;
  }
}

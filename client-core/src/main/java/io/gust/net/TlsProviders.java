package io.gust.net;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Finds a JSSE provider by name and makes TLS contexts from it, for {@code TlsOptions}'s provider
 * setting. A provider outside the JDK is loaded only here, when a setting names it, so that an
 * application without it on its class path never touches its classes.
 */
public final class TlsProviders {
  /** The name that selects Conscrypt (BoringSSL through JNI). */
  public static final String CONSCRYPT = "Conscrypt";
  private static final String CONSCRYPT_CLASS = "org.conscrypt.Conscrypt";

  private TlsProviders() {}

  /**
   * The provider called {@code name}: a provider registered with {@link Security} under that
   * name; else {@value #CONSCRYPT}, a new Conscrypt provider (from {@code
   * org.conscrypt:conscrypt-openjdk-uber} on the class path) that also offers its own trust
   * managers; else the fully qualified name of a provider class with a public no-argument
   * constructor.
   *
   * @throws IllegalArgumentException when there is no such provider, it cannot be loaded (its
   *     native library missing for this platform, say) or it offers no TLS context
   */
  public static Provider find(String name) {
    Provider provider = Security.getProvider(name);
    if (provider == null) {
      provider = name.equals(CONSCRYPT) ? conscrypt() : instantiate(name);
    }
    if (provider.getService("SSLContext", "TLS") == null) {
      throw new IllegalArgumentException("the provider " + name + " offers no TLS context");
    }
    return provider;
  }

  /**
   * Conscrypt with its trust managers: the JDK's refuse the chains it hands them in TLS 1.3 (it
   * names the key exchange {@code GENERIC}, which the JDK's end-entity check does not know).
   */
  private static Provider conscrypt() {
    try {
      Object builder = Class.forName(CONSCRYPT_CLASS).getMethod("newProviderBuilder").invoke(null);
      builder.getClass().getMethod("provideTrustManager", boolean.class).invoke(builder, true);
      return (Provider) builder.getClass().getMethod("build").invoke(builder);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no TLS provider " + CONSCRYPT + " on the class path"
          + " (add org.conscrypt:conscrypt-openjdk-uber)", e);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw cannotLoad(CONSCRYPT, e);
    }
  }

  private static Provider instantiate(String className) {
    Object made;
    try {
      made = Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no TLS provider " + className + " on the class path", e);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw cannotLoad(className, e);
    }
    if (!(made instanceof Provider provider)) {
      throw new IllegalArgumentException(className + " is not a java.security.Provider");
    }
    return provider;
  }

  private static IllegalArgumentException cannotLoad(String name, Throwable e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new IllegalArgumentException("the TLS provider " + name + " cannot be loaded: "
        + cause, cause);
  }

  /**
   * The trust manager factory of {@code provider} when it offers one (PKIX), else the JDK's
   * default: Conscrypt needs its own.
   */
  public static TrustManagerFactory trustManagerFactory(Provider provider)
      throws GeneralSecurityException {
    return provider != null && provider.getService("TrustManagerFactory", "PKIX") != null
        ? TrustManagerFactory.getInstance("PKIX", provider)
        : TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
  }

  /**
   * A TLS context of {@code provider} that trusts as {@code trust} says, or as the JDK's default
   * trust store does when null (through the provider's own trust managers if it has them), and
   * presents no certificate.
   */
  public static SSLContext context(Provider provider, TrustManager trust) {
    try {
      TrustManager[] managers;
      if (trust != null) {
        managers = new TrustManager[] {trust};
      } else {
        TrustManagerFactory factory = trustManagerFactory(provider);
        factory.init((KeyStore) null);
        managers = factory.getTrustManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS", provider);
      context.init(null, managers, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the TLS provider " + provider.getName()
          + " cannot make a context: " + e.getMessage(), e);
    }
  }
}

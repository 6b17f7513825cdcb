package io.gust.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HeldCertificate;

/**
 * The certificate {@code serve --tls} presents: read from PEM files (a certificate chain, leaf
 * first, and its PKCS#8 private key, as {@code openssl req -x509 -nodes} writes them), or made at
 * start-up: self-signed, ECDSA P-256, valid for {@code localhost} and {@code 127.0.0.1} for 30
 * days, its certificate written as PEM so that clients can trust it with {@code --cacert}.
 */
final class ServerCertificate {
  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final long VALIDITY_MILLIS = 30L * 24 * 60 * 60 * 1000;
  private static final char[] IN_MEMORY = "serve".toCharArray();

  private ServerCertificate() {}

  /** A server context presenting the chain in {@code certPem} with the key in {@code keyPem}. */
  static SSLContext load(Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(certPem, keyPem), null, null);
    return context;
  }

  /** Makes a self-signed certificate, writes it as PEM to {@code certOut}, returns its context. */
  static SSLContext selfSigned(Path certOut) throws IOException, GeneralSecurityException {
    long now = System.currentTimeMillis();
    HeldCertificate held = new HeldCertificate.Builder().commonName("localhost")
        .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1")
        .validityInterval(now - 60_000, now + VALIDITY_MILLIS).build();
    Files.writeString(certOut, held.certificatePem(), StandardCharsets.US_ASCII);
    return context(held.certificatePem(), held.privateKeyPkcs8Pem());
  }

  /**
   * The key managers that present the chain in {@code certPem} with the PKCS#8 key in {@code
   * keyPem} (PEM files); a client's certificate for {@code fetch --cert --key} is read the same way.
   */
  static KeyManager[] keyManagers(Path certPem, Path keyPem)
      throws IOException, GeneralSecurityException {
    return keyManagers(Files.readString(certPem, StandardCharsets.US_ASCII),
        Files.readString(keyPem, StandardCharsets.US_ASCII));
  }

  private static SSLContext context(String certPem, String keyPem)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(certPem, keyPem), null, null);
    return context;
  }

  private static KeyManager[] keyManagers(String certPem, String keyPem)
      throws GeneralSecurityException {
    Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)))
        .toArray(new Certificate[0]);
    if (chain.length == 0) {
      throw new GeneralSecurityException("no certificate in the --cert file");
    }
    PrivateKey key = privateKey(keyPem, chain[0].getPublicKey().getAlgorithm());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("no in-memory key store", e);
    }
    store.setKeyEntry("serve", key, IN_MEMORY, chain);
    KeyManagerFactory keys =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, IN_MEMORY);
    return keys.getKeyManagers();
  }

  private static PrivateKey privateKey(String pem, String algorithm)
      throws GeneralSecurityException {
    Matcher matcher = PKCS8.matcher(pem);
    if (!matcher.find()) {
      throw new GeneralSecurityException("the --key file holds no unencrypted PKCS#8 key"
          + " (BEGIN PRIVATE KEY); convert it with openssl pkcs8 -topk8 -nocrypt");
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}

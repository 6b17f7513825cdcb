package io.gust.testing;

import io.gust.client.TlsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Certificates minted once for the TLS tests: a CA, good and bad server certificates (valid for
 * {@code localhost} and {@code 127.0.0.1}), a client certificate, and contexts built from them.
 */
public final class TlsCertificates {
  public static final HeldCertificate CA = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("Gust Test CA").build();
  public static final HeldCertificate OTHER_CA = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("Unknown CA").build();
  public static final HeldCertificate SERVER = server().signedBy(CA).build();
  public static final HeldCertificate RSA_SERVER = server().rsa2048().signedBy(CA).build();
  public static final HeldCertificate WRONG_HOST = new HeldCertificate.Builder()
      .addSubjectAlternativeName("wrong.example").signedBy(CA).build();
  public static final HeldCertificate UNTRUSTED = server().signedBy(OTHER_CA).build();
  public static final HeldCertificate EXPIRED = server().signedBy(CA)
      .validityInterval(daysFromNow(-30), daysFromNow(-1)).build();
  public static final HeldCertificate NOT_YET_VALID = server().signedBy(CA)
      .validityInterval(daysFromNow(1), daysFromNow(30)).build();
  public static final HeldCertificate CLIENT = new HeldCertificate.Builder()
      .commonName("gust client").signedBy(CA).build();

  private TlsCertificates() {}

  private static HeldCertificate.Builder server() {
    return new HeldCertificate.Builder().commonName("localhost")
        .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1");
  }

  private static long daysFromNow(int days) {
    return System.currentTimeMillis() + Duration.ofDays(days).toMillis();
  }

  /** A server context presenting {@code certificate} and trusting the test CA for clients. */
  public static SSLContext serverContext(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate)
        .addTrustedCertificate(CA.certificate()).build().sslContext();
  }

  /** A client context trusting the test CA only. */
  public static SSLContext clientContext() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(CA.certificate())
        .build().sslContext();
  }

  /** A client context trusting the test CA and presenting {@code certificate}. */
  public static SSLContext clientContext(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate)
        .addTrustedCertificate(CA.certificate()).build().sslContext();
  }

  public static TlsOptions clientOptions() {
    return TlsOptions.builder().sslContext(clientContext()).build();
  }

  public static TlsOptions serverOptions(HeldCertificate certificate) {
    return TlsOptions.builder().sslContext(serverContext(certificate)).build();
  }

  /** Writes {@code certificate} as PEM to {@code file}, for tools such as curl and nginx. */
  public static Path writePem(HeldCertificate certificate, Path file) throws IOException {
    return Files.writeString(file, certificate.certificatePem(), StandardCharsets.US_ASCII);
  }

  /** Writes {@code certificate}'s private key as PKCS#8 PEM to {@code file}. */
  public static Path writeKeyPem(HeldCertificate certificate, Path file) throws IOException {
    return Files.writeString(file, certificate.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
  }
}

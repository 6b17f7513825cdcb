package io.gust.net;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** Certificates minted once for the TLS tests: a CA, good and bad server certificates, a client. */
final class TlsCertificates {
  static final HeldCertificate CA = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("Gust Test CA").build();
  static final HeldCertificate OTHER_CA = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("Unknown CA").build();
  static final HeldCertificate SERVER = server().signedBy(CA).build();
  static final HeldCertificate RSA_SERVER = server().rsa2048().signedBy(CA).build();
  static final HeldCertificate WRONG_HOST = new HeldCertificate.Builder()
      .addSubjectAlternativeName("wrong.example").signedBy(CA).build();
  static final HeldCertificate UNTRUSTED = server().signedBy(OTHER_CA).build();
  static final HeldCertificate EXPIRED = server().signedBy(CA)
      .validityInterval(daysFromNow(-30), daysFromNow(-1)).build();
  static final HeldCertificate NOT_YET_VALID = server().signedBy(CA)
      .validityInterval(daysFromNow(1), daysFromNow(30)).build();
  static final HeldCertificate CLIENT = new HeldCertificate.Builder()
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
  static SSLContext serverContext(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate)
        .addTrustedCertificate(CA.certificate()).build().sslContext();
  }

  /** A client context trusting the test CA only. */
  static SSLContext clientContext() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(CA.certificate())
        .build().sslContext();
  }

  /** A client context trusting the test CA and presenting {@code certificate}. */
  static SSLContext clientContext(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate)
        .addTrustedCertificate(CA.certificate()).build().sslContext();
  }

  static TlsOptions clientOptions() {
    return TlsOptions.builder().sslContext(clientContext()).build();
  }

  static TlsOptions serverOptions(HeldCertificate certificate) {
    return TlsOptions.builder().sslContext(serverContext(certificate)).build();
  }
}

package io.gust.net;

import io.gust.client.TlsFailure;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.Locale;

/**
 * Classifies the JDK's handshake exceptions into a {@link TlsFailure} by walking the cause chain:
 * exception types first (the validity exceptions, the certificate path exceptions and their
 * reasons), then the messages the JDK's trust manager and handshaker are known to use.
 */
final class TlsFailures {
  /** Fatal alerts that mean the peer refused or missed this side's certificate. */
  private static final List<String> CERTIFICATE_ALERTS = List.of("bad_certificate",
      "certificate_required", "certificate_unknown", "unknown_ca", "certificate_expired",
      "certificate_revoked", "unsupported_certificate", "access_denied",
      "empty client certificate chain", "empty server certificate chain");
  /** Messages and alerts that mean no protocol version or cipher suite is shared. */
  private static final List<String> PROTOCOL_MARKERS = List.of("protocol_version",
      "handshake_failure", "insufficient_security", "no appropriate protocol",
      "no cipher suites in common", "not enabled or supported", "not accepted by server",
      "no negotiable cipher suite", "unsupported protocol");
  /** The trust manager's messages for a certificate that does not match the host. */
  private static final List<String> HOSTNAME_MARKERS = List.of("no subject alternative",
      "no name matching");

  private TlsFailures() {}

  /** The typed exception for a failure seen while the handshake ran. */
  static TlsHandshakeException toHandshakeException(Throwable cause) {
    if (cause instanceof TlsHandshakeException) {
      return (TlsHandshakeException) cause;
    }
    TlsFailure failure = classify(cause);
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage();
    return new TlsHandshakeException(failure, "TLS handshake failed ("
        + failure.name().toLowerCase(Locale.ROOT) + "): " + detail, cause);
  }

  static TlsFailure classify(Throwable failure) {
    TlsFailure byType = classifyByType(failure);
    return byType != null ? byType : classifyByMessage(failure);
  }

  private static TlsFailure classifyByType(Throwable failure) {
    TlsFailure pathProblem = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TlsHandshakeException) {
        return ((TlsHandshakeException) t).failure();
      }
      if (t instanceof CertificateExpiredException) {
        return TlsFailure.EXPIRED;
      }
      if (t instanceof CertificateNotYetValidException) {
        return TlsFailure.NOT_YET_VALID;
      }
      if (t instanceof CertPathValidatorException) {
        CertPathValidatorException.Reason reason = ((CertPathValidatorException) t).getReason();
        if (reason == BasicReason.EXPIRED) {
          return TlsFailure.EXPIRED;
        }
        if (reason == BasicReason.NOT_YET_VALID) {
          return TlsFailure.NOT_YET_VALID;
        }
        pathProblem = TlsFailure.UNTRUSTED_ISSUER;
      }
      if (t instanceof CertPathBuilderException) {
        pathProblem = TlsFailure.UNTRUSTED_ISSUER;
      }
    }
    return pathProblem;
  }

  private static TlsFailure classifyByMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (t instanceof CertificateException && containsAny(message, HOSTNAME_MARKERS)) {
        return TlsFailure.HOSTNAME_MISMATCH;
      }
      if (message.contains("pkix path building failed")
          || message.contains("unable to find valid certification path")) {
        return TlsFailure.UNTRUSTED_ISSUER;
      }
      if (containsAny(message, CERTIFICATE_ALERTS)) {
        return TlsFailure.CERTIFICATE_REJECTED;
      }
      if (containsAny(message, PROTOCOL_MARKERS)) {
        return TlsFailure.PROTOCOL;
      }
    }
    return TlsFailure.OTHER;
  }

  private static boolean containsAny(String message, List<String> markers) {
    for (String marker : markers) {
      if (message.contains(marker)) {
        return true;
      }
    }
    return false;
  }
}

package io.gust.client;

import io.gust.net.TlsHandshakeException;

/**
 * Why a TLS handshake failed, as reported by {@link TlsHandshakeException#failure()}.
 *
 * <p>The first four say that this side refused the peer's certificate ({@link
 * #isCertificateProblem()}): the case curl reports as exit code 60. The classification reads the
 * JDK's exceptions (their types first, their messages as a last resort), so an unusual provider
 * may yield {@link #OTHER} where a more precise value would fit.
 */
public enum TlsFailure {
  /** The peer's certificate chain does not lead to a trusted certificate authority. */
  UNTRUSTED_ISSUER,
  /** The peer's certificate is not valid for the host name (or IP address) asked for. */
  HOSTNAME_MISMATCH,
  /** A certificate in the peer's chain has expired. */
  EXPIRED,
  /** A certificate in the peer's chain is not valid yet. */
  NOT_YET_VALID,
  /**
   * The peer refused this side's certificate or required one that was not sent (a fatal alert
   * such as {@code bad_certificate} or {@code certificate_required}), or, on a server, a client
   * required to authenticate sent no certificate.
   */
  CERTIFICATE_REJECTED,
  /** The handshake did not finish within the configured handshake timeout. */
  HANDSHAKE_TIMEOUT,
  /** The peers share no protocol version or cipher suite. */
  PROTOCOL,
  /** The peer asked to renegotiate an established TLS 1.2 session, which Gust refuses. */
  RENEGOTIATION,
  /** Anything else: the cause says what. */
  OTHER;

  /** True when this side refused the peer's certificate (issuer, host name or validity dates). */
  public boolean isCertificateProblem() {
    return this == UNTRUSTED_ISSUER || this == HOSTNAME_MISMATCH || this == EXPIRED
        || this == NOT_YET_VALID;
  }
}

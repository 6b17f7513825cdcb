package io.gust.client;

import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a finished TLS handshake negotiated: protocol version, cipher suite, application protocol
 * (ALPN), the certificates each side presented, and how long the handshake took.
 *
 * <p>Immutable; a snapshot taken when the handshake finished, so any thread may read it. {@link
 * #session()} is the JDK's live session for anything else.
 */
public final class TlsInfo {
  private final SSLSession session;
  private final String protocol;
  private final String cipherSuite;
  private final String applicationProtocol;
  private final List<Certificate> peerCertificates;
  private final Duration handshakeDuration;

  private TlsInfo(SSLEngine engine, Duration handshakeDuration) {
    this.session = engine.getSession();
    this.protocol = session.getProtocol();
    this.cipherSuite = session.getCipherSuite();
    String alpn = engine.getApplicationProtocol();
    this.applicationProtocol = alpn == null ? "" : alpn;
    this.peerCertificates = peerCertificatesOf(session);
    this.handshakeDuration = handshakeDuration;
  }

  public static TlsInfo of(SSLEngine engine, Duration handshakeDuration) {
    return new TlsInfo(engine, handshakeDuration);
  }

  /** The protocol version, such as {@code TLSv1.3}. */
  public String protocol() {
    return protocol;
  }

  /** The cipher suite, such as {@code TLS_AES_128_GCM_SHA256}. */
  public String cipherSuite() {
    return cipherSuite;
  }

  /** The protocol chosen by ALPN, such as {@code http/1.1}; empty when none was negotiated. */
  public String applicationProtocol() {
    return applicationProtocol;
  }

  /** The peer's certificate chain, leaf first; empty when the peer sent none. */
  public List<Certificate> peerCertificates() {
    return peerCertificates;
  }

  /** From the first handshake byte this side produced or read until the handshake finished. */
  public Duration handshakeDuration() {
    return handshakeDuration;
  }

  /** The JDK's session, for what this snapshot does not carry. */
  public SSLSession session() {
    return session;
  }

  @Override
  public String toString() {
    return "TlsInfo{" + protocol + ", " + cipherSuite + ", alpn=" + applicationProtocol + "}";
  }

  private static List<Certificate> peerCertificatesOf(SSLSession session) {
    try {
      return List.of(session.getPeerCertificates());
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }
}

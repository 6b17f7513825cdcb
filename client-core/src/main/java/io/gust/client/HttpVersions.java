package io.gust.client;

import io.gust.net.ChannelStream;
import java.util.List;

/**
 * The HTTP versions a client's connections may speak, and what follows from them: the ALPN
 * offer on TLS, whether a plain connection speaks HTTP/2 by prior knowledge, and whether a
 * connection just opened speaks HTTP/2. Immutable.
 */
final class HttpVersions {
  private final boolean http1;
  private final boolean http2;
  private final List<Protocol> allowed;

  HttpVersions(List<Protocol> allowed) {
    this.http1 = allowed.contains(Protocol.HTTP_1_1) || allowed.contains(Protocol.HTTP_1_0);
    this.http2 = allowed.contains(Protocol.HTTP_2);
    this.allowed = List.copyOf(allowed);
  }

  /** The versions as given. */
  List<Protocol> allowed() {
    return allowed;
  }

  /** Checks a builder's argument: at least one version, no null. */
  static List<Protocol> check(List<Protocol> protocols) {
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("no HTTP version allowed");
    }
    return protocols;
  }

  /** {@code tls} offering {@code h2} (and {@code http/1.1} unless only HTTP/2 is allowed). */
  TlsOptions offer(TlsOptions tls) {
    if (!http2) {
      return tls;
    }
    return tls.withApplicationProtocols(http1 ? List.of("h2", "http/1.1") : List.of("h2"));
  }

  /**
   * {@code clientTls} (the client's options, already offering what the client allows) narrowed
   * or widened to these versions: only {@code http/1.1} without HTTP/2.
   */
  TlsOptions narrow(TlsOptions clientTls) {
    return http2 ? offer(clientTls) : clientTls.http1Only();
  }

  /** Whether a connection to {@code origin} may turn out to speak HTTP/2. */
  boolean mayUseHttp2(Origin origin) {
    return http2 && (origin.https || !http1);
  }

  /** Whether {@code ready}, just opened to {@code origin}, speaks HTTP/2. */
  boolean speaksHttp2(Origin origin, ChannelStream ready) {
    if (!http2) {
      return false;
    }
    if (!origin.https) {
      return !http1;
    }
    TlsInfo tls = ready.tlsInfo();
    return tls != null && "h2".equals(tls.applicationProtocol());
  }

  /** Equal when they allow the same versions, so that such requests share connections. */
  @Override
  public boolean equals(Object other) {
    return other instanceof HttpVersions that && http1 == that.http1 && http2 == that.http2;
  }

  @Override
  public int hashCode() {
    return (http1 ? 1 : 0) + (http2 ? 2 : 0);
  }
}

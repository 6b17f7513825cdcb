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

  HttpVersions(List<Protocol> allowed) {
    this.http1 = allowed.contains(Protocol.HTTP_1_1) || allowed.contains(Protocol.HTTP_1_0);
    this.http2 = allowed.contains(Protocol.HTTP_2);
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
}

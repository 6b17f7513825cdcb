package io.gust.server;

import io.gust.client.TlsOptions;
import java.util.ArrayList;
import java.util.List;

/** How a TLS server offers HTTP/2: its ALPN name, and the options that put it first. */
final class Http2Alpn {
  /** The ALPN name of HTTP/2 over TLS. */
  static final String ALPN = "h2";

  private Http2Alpn() {}

  /**
   * The TLS options of a server that speaks HTTP/2: {@code h2} offered first when the ALPN list
   * names {@code http/1.1}; unchanged otherwise.
   */
  static TlsOptions offerH2(TlsOptions tls, boolean http2) {
    if (tls == null || !http2 || tls.applicationProtocols().contains(ALPN)
        || !tls.applicationProtocols().contains("http/1.1")) {
      return tls;
    }
    List<String> protocols = new ArrayList<>(tls.applicationProtocols());
    protocols.add(0, ALPN);
    return tls.newBuilder().applicationProtocols(protocols).build();
  }
}

package io.gust.client;

import io.gust.server.TestServer;
import io.gust.testing.TlsCertificates;

/** The two companion servers proxy tests reach through their proxies: plain http and https. */
final class ProxyOrigins implements AutoCloseable {
  final TestServer http = TestServer.start();
  final TestServer https = TestServer.start(
      builder -> builder.tls(TlsCertificates.serverOptions(TlsCertificates.SERVER)));

  /** A client through {@code via} that trusts the https origin's certificate. */
  static AsyncHttpClient.Builder clientVia(Proxy via) {
    return AsyncHttpClient.builder().proxy(via).sslContext(TlsCertificates.clientContext());
  }

  @Override
  public void close() {
    http.close();
    https.close();
  }
}

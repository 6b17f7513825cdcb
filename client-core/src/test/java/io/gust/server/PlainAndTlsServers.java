package io.gust.server;

import io.gust.testing.TlsCertificates;
import java.util.function.Supplier;

/**
 * One set of routes served twice on 127.0.0.1: in plain (HTTP/1.1 and h2c) and over TLS with the
 * test certificate, for the tests that run curl and nghttp against both. {@link #close()} closes
 * both servers.
 */
record PlainAndTlsServers(HttpServer plain, HttpServer tls) implements AutoCloseable {
  /** Starts both servers, each from a fresh builder {@code routes} returns. */
  static PlainAndTlsServers start(Supplier<HttpServer.Builder> routes) {
    HttpServer plain = routes.get().build().start();
    try {
      return new PlainAndTlsServers(plain,
          routes.get().tls(TlsCertificates.serverOptions(TlsCertificates.SERVER)).build().start());
    } catch (RuntimeException | Error e) {
      plain.close();
      throw e;
    }
  }

  @Override
  public void close() {
    plain.close();
    tls.close();
  }
}

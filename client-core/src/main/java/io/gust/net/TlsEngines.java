package io.gust.net;

import io.gust.client.TlsOptions;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Creates {@link SSLEngine}s configured by {@link TlsOptions}. */
final class TlsEngines {
  private TlsEngines() {}

  /**
   * A client engine for {@code host} (a name or an IP literal): the name is sent as SNI (never an
   * IP literal, as RFC 6066 asks) and, unless turned off, checked against the certificate.
   */
  static SSLEngine client(TlsOptions options, String host, int port) {
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    SSLEngine engine = options.sslContext().createSSLEngine(bare, port);
    engine.setUseClientMode(true);
    SSLParameters parameters = common(engine, options);
    if (options.verifiesHostname()) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    parameters.setServerNames(serverNames(bare));
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** A server engine, asking for client certificates as the options say. */
  static SSLEngine server(TlsOptions options) {
    SSLEngine engine = options.sslContext().createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters parameters = common(engine, options);
    parameters.setNeedClientAuth(options.clientAuth() == TlsOptions.ClientAuth.REQUIRED);
    if (options.clientAuth() == TlsOptions.ClientAuth.REQUESTED) {
      parameters.setWantClientAuth(true);
    }
    engine.setSSLParameters(parameters);
    return engine;
  }

  private static SSLParameters common(SSLEngine engine, TlsOptions options) {
    SSLParameters parameters = engine.getSSLParameters();
    if (!options.protocols().isEmpty()) {
      parameters.setProtocols(options.protocols().toArray(new String[0]));
    }
    if (!options.cipherSuites().isEmpty()) {
      parameters.setCipherSuites(options.cipherSuites().toArray(new String[0]));
      parameters.setUseCipherSuitesOrder(true);
    }
    parameters.setApplicationProtocols(options.applicationProtocols().toArray(new String[0]));
    return parameters;
  }

  private static List<SNIServerName> serverNames(String host) {
    if (isIpLiteral(host)) {
      return List.of();
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    try {
      return List.of(new SNIHostName(name));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static boolean isIpLiteral(String host) {
    try {
      SocketAddresses.parseLiteral(host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

package io.gust.client;

import io.gust.http.CodecLimits;
import io.gust.net.Resolver;
import io.gust.net.TcpConnector;
import io.gust.net.TlsOptions;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The client's immutable settings, as the builder left them. Shared by every loop partition. */
final class ClientConfig {
  final Resolver resolver;
  final TcpConnector connector;
  final int maxConnections;
  final int maxConnectionsPerHost;
  final Duration idleTimeout;
  final Duration connectTimeout;
  final Duration requestTimeout;
  /** Zero when off. */
  final Duration readTimeout;
  final boolean followRedirects;
  final int maxRedirects;
  final boolean decompress;
  /** Null when none is sent. */
  final String userAgent;
  final boolean raiseError;
  /** Null: callbacks run on the loop thread. */
  final Executor callbackExecutor;
  final CodecLimits limits;
  /** Reads request body files off the loop. */
  final Executor fileExecutor;
  /**
   * How https connections speak TLS. The defaults are made here, on the thread building the
   * client, because they load the JDK's trust store from disk: never on a loop (the JDK caches
   * them, so only the first client of a JVM pays).
   */
  final TlsOptions tls;

  ClientConfig(AsyncHttpClient.Builder b, Executor fileExecutor) {
    this.resolver = b.resolver;
    this.connector = TcpConnector.create();
    this.maxConnections = b.maxConnections;
    this.maxConnectionsPerHost = b.maxConnectionsPerHost;
    this.idleTimeout = b.idleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.readTimeout = b.readTimeout;
    this.followRedirects = b.followRedirects;
    this.maxRedirects = b.maxRedirects;
    this.decompress = b.decompress;
    this.userAgent = b.userAgent;
    this.raiseError = b.raiseError;
    this.callbackExecutor = b.callbackExecutor;
    this.limits = new CodecLimits(b.maxHeaderBytes, CodecLimits.CLIENT.maxHeaderCount(),
        b.maxBodyBytes);
    this.fileExecutor = fileExecutor;
    this.tls = b.tls != null ? b.tls : TlsOptions.defaults();
  }

  /** This loop's share of {@code total}: an even split, the remainder to the first loops, at least 1. */
  static int share(int total, int loopCount, int loopIndex) {
    int base = total / loopCount;
    int extra = loopIndex < total % loopCount ? 1 : 0;
    return Math.max(1, base + extra);
  }
}

package io.gust.server;

import io.gust.client.TlsOptions;
import io.gust.http.CodecLimits;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okio.ByteString;

/** What every connection of one server shares: routes, limits, timeouts and the open set. */
final class ServerContext {
  final Router router;
  final CodecLimits limits;
  final long idleTimeoutNanos;
  /** How long a whole request head may take, from its first byte. */
  final long headTimeoutNanos;
  final long bodyReadTimeoutNanos;
  final String serverName;
  /** The {@code Server} field line, checked and encoded once. */
  final ByteString serverField;
  /** Null for plain HTTP. */
  final TlsOptions tls;
  /** Whether HTTP/2 is spoken: h2 chosen by ALPN over TLS, h2c by prior knowledge in plain. */
  final boolean http2;
  /** The SETTINGS_MAX_CONCURRENT_STREAMS each HTTP/2 connection announces and enforces. */
  final int maxConcurrentStreams;
  /** Connections still open, from any loop; the server drains them on close. */
  final Set<ServedConnection> connections = ConcurrentHashMap.newKeySet();
  final AtomicLong accepted = new AtomicLong();
  /** Set once the server is closing: responses then close their connections. */
  volatile boolean draining;

  ServerContext(Router router, CodecLimits limits, long idleTimeoutNanos, long headTimeoutNanos,
      long bodyReadTimeoutNanos, String serverName, TlsOptions tls) {
    this(router, limits, idleTimeoutNanos, headTimeoutNanos, bodyReadTimeoutNanos, serverName,
        tls, true, 100);
  }

  ServerContext(Router router, CodecLimits limits, long idleTimeoutNanos, long headTimeoutNanos,
      long bodyReadTimeoutNanos, String serverName, TlsOptions tls, boolean http2,
      int maxConcurrentStreams) {
    this.http2 = http2;
    this.maxConcurrentStreams = maxConcurrentStreams;
    this.router = router;
    this.limits = limits;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.headTimeoutNanos = headTimeoutNanos;
    this.bodyReadTimeoutNanos = bodyReadTimeoutNanos;
    this.serverName = serverName;
    this.serverField = ResponseHeads.serverField(serverName);
    this.tls = tls;
  }
}

package io.gust.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections to one origin (scheme, host, port) over the address families a fetch allows, on
 * one loop: idle ones in LIFO order (the
 * most recently used first, so the rest age out) and every open one for the snapshot.
 * Loop-confined.
 */
final class HostPool {
  final boolean https;
  final String host;
  final int port;
  final AddressFamily family;
  /** The next origin with the same host name (another port or scheme), or null. */
  HostPool next;
  /** Idle connections, most recently released first. */
  final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
  /** Every open connection, connecting and idle ones included. */
  final List<PooledConnection> open = new ArrayList<>();

  HostPool(HttpRequest request, AddressFamily family) {
    this.https = request.isHttps();
    this.host = request.host();
    this.port = request.port();
    this.family = family;
  }

  boolean matches(HttpRequest request, AddressFamily family) {
    return port == request.port() && https == request.isHttps() && this.family == family;
  }

  /**
   * Takes the most recently used idle connection that is still healthy, closing the dead ones it
   * passes (a peer that closed or sent stray bytes while the connection sat idle); null when none.
   */
  PooledConnection takeIdle() {
    PooledConnection connection;
    while ((connection = idle.pollFirst()) != null) {
      if (connection.reuse()) {
        return connection;
      }
    }
    return null;
  }

  PoolSnapshot.Host snapshot(long nowNanos) {
    List<Duration> ages = new ArrayList<>(open.size());
    for (PooledConnection connection : open) {
      ages.add(Duration.ofNanos(nowNanos - connection.openedNanos));
    }
    return new PoolSnapshot.Host(https ? "https" : "http", host, port, open.size(), idle.size(),
        open.size() - idle.size(), ages);
  }
}

package io.gust.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections to one {@link Origin} on one loop: idle ones in LIFO order (the most recently
 * used first, so the rest age out) and every open one for the limits and the snapshot. Its
 * collections change only through its own methods. Loop-confined.
 */
final class HostPool {
  final Origin origin;
  /** The next pool whose origin has the same host name (another port, scheme or family), or null. */
  HostPool next;
  /** Idle connections, most recently released first. */
  private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
  /** Every open connection, connecting and idle ones included. */
  private final List<PooledConnection> open = new ArrayList<>();

  HostPool(Origin origin) {
    this.origin = origin;
  }

  /** Open connections, connecting and idle ones included. */
  int openCount() {
    return open.size();
  }

  boolean hasIdle() {
    return !idle.isEmpty();
  }

  /** A new connection counts against this origin from now until {@link #closed}. */
  void opened(PooledConnection connection) {
    open.add(connection);
  }

  void closed(PooledConnection connection) {
    open.remove(connection);
  }

  /** {@code connection} went idle: it is the first {@link #takeIdle()} offers. */
  void idled(PooledConnection connection) {
    idle.addFirst(connection);
  }

  /** {@code connection} is no longer idle (closed while waiting). */
  void leftIdle(PooledConnection connection) {
    idle.remove(connection);
  }

  /** The idle connection that has waited longest, or null. */
  PooledConnection oldestIdle() {
    return idle.peekLast();
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

  /** Closes every connection of this pool. */
  void closeAll() {
    for (PooledConnection connection : new ArrayList<>(open)) {
      connection.close();
    }
  }

  PoolSnapshot.Host snapshot(long nowNanos) {
    List<Duration> ages = new ArrayList<>(open.size());
    for (PooledConnection connection : open) {
      ages.add(Duration.ofNanos(nowNanos - connection.openedNanos));
    }
    return new PoolSnapshot.Host(origin.scheme(), origin.host, origin.port, open.size(),
        idle.size(), open.size() - idle.size(), ages);
  }
}

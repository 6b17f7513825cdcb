package io.gust.client;

import io.gust.loop.Cancellable;
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
  /** Open HTTP/2 connections, each carrying many exchanges. */
  private final List<PooledConnection> multiplexed = new ArrayList<>();
  /** Connections being opened that may turn out to speak HTTP/2. */
  private int probing;
  /** A connection to this origin chose HTTP/1.1 in ALPN: later ones open without probing. */
  private boolean choseHttp1;
  /** While true, a fetch that finds every HTTP/2 connection full may open another. */
  private boolean growAllowed;
  /** Fires when fetches have waited long enough for a full HTTP/2 connection; null when idle. */
  private Cancellable growTimer;

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

  void probing(int delta) {
    probing += delta;
  }

  void choseHttp1() {
    choseHttp1 = true;
  }

  /** Whether new connections may turn out to speak HTTP/2, so that fetches wait to know. */
  boolean mayProbe() {
    return !choseHttp1;
  }

  /** Whether a connection that may speak HTTP/2 is being opened: fetches wait to know. */
  boolean isProbing() {
    return probing > 0;
  }

  void multiplexedOpened(PooledConnection connection) {
    multiplexed.add(connection);
  }

  void multiplexedClosed(PooledConnection connection) {
    multiplexed.remove(connection);
  }

  /** The HTTP/2 connection with the fewest streams that takes one more, or null. */
  PooledConnection takeMultiplexed() {
    PooledConnection best = null;
    // Indexed: an iterator per fetch was measurable in the small-GET allocation profile.
    for (int i = 0; i < multiplexed.size(); i++) {
      PooledConnection connection = multiplexed.get(i);
      if (connection.multiplexed().hasCapacity()
          && (best == null || connection.activeStreams() < best.activeStreams())) {
        best = connection;
      }
    }
    return best;
  }

  /**
   * Whether a fetch that found no HTTP/2 connection with room must wait for one rather than
   * open another: yes, unless the wait has grown past {@code growAfter}, which a timer marks by
   * dispatching the queue once with growing allowed.
   */
  boolean waitsForStream(LoopClient partition, Duration growAfter) {
    if (!hasOpenMultiplexed()) {
      return false;
    }
    if (growAllowed) {
      growAllowed = false;
      return false;
    }
    if (growTimer == null) {
      growTimer = partition.loop.schedule(growAfter, () -> {
        growTimer = null;
        growAllowed = true;
        partition.dispatch();
        growAllowed = false;
      });
    }
    return true;
  }

  private boolean hasOpenMultiplexed() {
    for (int i = 0; i < multiplexed.size(); i++) {
      if (multiplexed.get(i).multiplexed().takesStreams()) {
        return true;
      }
    }
    return false;
  }

  /** Closes every connection of this pool. */
  void closeAll() {
    if (growTimer != null) {
      growTimer.cancel();
      growTimer = null;
    }
    for (PooledConnection connection : new ArrayList<>(open)) {
      connection.close();
    }
  }

  PoolSnapshot.Host snapshot(long nowNanos) {
    List<Duration> ages = new ArrayList<>(open.size());
    List<Integer> streams = new ArrayList<>(open.size());
    int idleCount = idle.size();
    for (PooledConnection connection : open) {
      ages.add(Duration.ofNanos(nowNanos - connection.openedNanos));
      streams.add(connection.activeStreams());
      if (connection.multiplexed() != null && connection.activeStreams() == 0) {
        idleCount++;
      }
    }
    return new PoolSnapshot.Host(origin.scheme(), origin.host, origin.port, open.size(),
        idleCount, open.size() - idleCount, ages, streams, origin.proxy);
  }
}

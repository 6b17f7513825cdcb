package io.gust.client;

import java.time.Duration;
import java.util.List;

/**
 * A point-in-time view of a client's connection pool: per host, the connections open, idle and
 * busy with their ages, plus the fetches waiting in the queue. Immutable.
 *
 * <p>Counts are summed over the client's loops; each loop's part was taken on its own thread, so
 * the parts may be a few microseconds apart.
 */
public record PoolSnapshot(List<Host> hosts, int queued) {
  /** Copies {@code hosts}. */
  public PoolSnapshot {
    hosts = List.copyOf(hosts);
  }

  /** Connections open across all hosts, connecting ones included. */
  public int open() {
    int sum = 0;
    for (Host host : hosts) {
      sum += host.open();
    }
    return sum;
  }

  /** Idle pooled connections across all hosts. */
  public int idle() {
    int sum = 0;
    for (Host host : hosts) {
      sum += host.idle();
    }
    return sum;
  }

  /** Connections carrying an exchange (or connecting for one) across all hosts. */
  public int busy() {
    return open() - idle();
  }

  /**
   * One origin's connections: {@code open = idle + busy}; {@code connectionAges} has one entry
   * per open connection, the time since it was opened, and {@code streamsInFlight} one entry per
   * open connection too, the HTTP/2 streams it carries (0 for HTTP/1.1 connections). An HTTP/2
   * connection counts as busy while it carries a stream, else as idle. {@code proxy} is the proxy
   * these connections go through ({@link Proxy#NONE} when direct): one origin reached through two
   * proxies, or through one and directly, is two hosts.
   */
  public record Host(String scheme, String host, int port, int open, int idle, int busy,
      List<Duration> connectionAges, List<Integer> streamsInFlight, Proxy proxy) {
    /** Copies the lists. */
    public Host {
      connectionAges = List.copyOf(connectionAges);
      streamsInFlight = List.copyOf(streamsInFlight);
      java.util.Objects.requireNonNull(proxy, "proxy");
    }
  }
}

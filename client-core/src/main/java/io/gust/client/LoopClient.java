package io.gust.client;

import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.RejectedExecutionException;
import java.util.List;

/**
 * The client's partition on one loop: its connection pool, its FIFO queue of fetches waiting for
 * a slot, and its live fetches. Loop-confined: every method runs on {@link #loop}'s thread.
 *
 * <p>One slot is one open socket: a fetch in flight holds one (connecting or carrying its
 * exchange), an idle pooled connection holds one. So {@code maxConnections} bounds both the
 * exchanges in flight and the sockets open. A fetch that finds no idle connection to its origin
 * and no free slot waits in the queue; when the loop is at its limit while idle connections to
 * other origins hold slots, the oldest of those is closed to make room.
 */
final class LoopClient {
  final EventLoop loop;
  /** What this partition's fetches, exchanges and connections share. */
  final ClientContext context;
  private final int maxConnections;
  private final int maxConnectionsPerHost;
  /** How long fetches wait for a stream on full HTTP/2 connections before another opens. */
  static final Duration HTTP2_GROW_AFTER = Duration.ofMillis(200);
  /** The connections, by origin. */
  private final HostPools pools = new HostPools();
  private final ArrayDeque<Fetch> queue = new ArrayDeque<>();
  /** Sentinel of the doubly linked list of fetches submitted and not yet finished, by start. */
  private final Fetch live = Fetch.sentinel();
  /** The deadlines of the live fetches that run on the client's default request timeout. */
  final FetchDeadlines deadlines;
  /** Open sockets, connecting ones included. */
  private int openCount;
  private boolean closed;
  private boolean dispatching;
  private boolean redispatch;
  private boolean lastClaimClientFull;

  LoopClient(EventLoop loop, ClientConfig config, int maxConnections, int maxConnectionsPerHost) {
    this.loop = loop;
    this.context = new ClientContext(loop, config, this);
    this.maxConnections = maxConnections;
    this.maxConnectionsPerHost = maxConnectionsPerHost;
    this.deadlines = new FetchDeadlines(loop, live, config.requestTimeout);
  }

  boolean isClosed() {
    return closed;
  }

  /** Takes in a new fetch: it starts now when a slot is free, else it waits its turn. */
  void submit(Fetch fetch) {
    if (closed) {
      fetch.failClientClosed();
      return;
    }
    deadlines.link(fetch);
    fetch.start();
    if (!fetch.isDone()) {
      fetch.attempt();
    }
  }

  /**
   * Takes in a new fetch from any thread: at once on the loop, else through the loop's queue; a
   * loop that no longer takes tasks fails it as closed.
   */
  void submitFromAnyThread(Fetch fetch) {
    if (loop.inLoop()) {
      submit(fetch);
      return;
    }
    try {
      loop.execute(() -> submit(fetch));
    } catch (RejectedExecutionException e) {
      fetch.failClientClosed();
    }
  }

  /** Finds a connection for the fetch's current request, or queues it behind earlier waiters. */
  void acquire(Fetch fetch) {
    PooledConnection connection = queue.isEmpty() ? claim(fetch) : null;
    if (connection != null) {
      fetch.startExchange(connection);
    } else {
      queue.addLast(fetch);
      fetch.queued();
      dispatch();
    }
  }

  /** Drops a queued fetch (cancelled or timed out); false when it was not queued. */
  boolean dequeue(Fetch fetch) {
    return queue.remove(fetch);
  }

  /** Starts queued fetches, in order, while slots allow. Reentrant calls fold into one pass. */
  void dispatch() {
    if (dispatching) {
      redispatch = true;
      return;
    }
    dispatching = true;
    try {
      do {
        redispatch = false;
        while (startNextQueued()) {
          // Each start may free or take slots; rescan from the head.
        }
      } while (redispatch);
    } finally {
      dispatching = false;
    }
  }

  private boolean startNextQueued() {
    if (queue.isEmpty()) {
      return false;
    }
    Iterator<Fetch> waiting = queue.iterator();
    while (waiting.hasNext()) {
      Fetch fetch = waiting.next();
      PooledConnection connection = claim(fetch);
      if (connection != null) {
        waiting.remove();
        fetch.startExchange(connection);
        return true;
      }
      if (lastClaimClientFull) {
        return false;
      }
    }
    return false;
  }

  /**
   * Returns a connection for the fetch: a healthy idle one to its origin (BUSY), or a new one
   * (CONNECTING) when both limits allow; null when neither, with {@link #lastClaimClientFull}
   * saying whether the loop-wide limit (rather than the origin's) stood in the way.
   */
  private PooledConnection claim(Fetch fetch) {
    HostPool host = hostPool(fetch);
    lastClaimClientFull = false;
    PooledConnection shared = host.takeMultiplexed();
    if (shared != null) {
      return shared;
    }
    if (host.isProbing() || host.waitsForStream(this, HTTP2_GROW_AFTER)) {
      return null;
    }
    if (!fetch.needsFreshConnection()) {
      PooledConnection idle = host.takeIdle();
      if (idle != null) {
        return idle;
      }
      // Closing dead idle connections may have dropped the origin: look it up again.
      host = hostPool(fetch);
    }
    if (host.openCount() >= maxConnectionsPerHost) {
      return null;
    }
    if (openCount >= maxConnections && !closeIdleElsewhere(host)) {
      lastClaimClientFull = true;
      pools.dropIfUnused(host);
      return null;
    }
    PooledConnection connection = new PooledConnection(this, host);
    openCount++;
    host.opened(connection);
    if (host.origin.versions.mayUseHttp2(host.origin) && host.mayProbe()) {
      connection.probe();
    }
    return connection;
  }

  private boolean closeIdleElsewhere(HostPool except) {
    HostPool other = pools.withIdleExcept(except);
    if (other == null) {
      return false;
    }
    other.oldestIdle().close();
    return openCount < maxConnections;
  }

  private HostPool hostPool(Fetch fetch) {
    HttpRequest request = fetch.request();
    return pools.get(request, context.config.addressFamily(request), fetch.proxy(),
        context.config.versions(request));
  }

  /** A connection closed: its slot is free, and an origin left without connections is dropped. */
  void connectionClosed(PooledConnection connection) {
    openCount--;
    connection.host.closed(connection);
    pools.dropIfUnused(connection.host);
    dispatch();
  }

  /** Origins known on this loop, for tests. */
  int originCount() {
    return pools.all().size();
  }

  /** Fails every queued and live fetch as cancelled by a client close, and closes every socket. */
  void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    while (live.nextLive != live) {
      live.nextLive.failClientClosed();
    }
    deadlines.close();
    for (HostPool pool : pools.all()) {
      pool.closeAll();
    }
    pools.clear();
  }

  /** Adds this partition's origins to {@code into} and returns its queue length. */
  int snapshot(List<PoolSnapshot.Host> into) {
    long now = loop.nanoTime();
    for (HostPool pool : pools.all()) {
      if (pool.openCount() > 0) {
        into.add(pool.snapshot(now));
      }
    }
    return queue.size();
  }
}

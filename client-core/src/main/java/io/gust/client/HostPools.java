package io.gust.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A partition's {@link HostPool}s, one per {@link Origin}. Indexed by host name, with the pools of
 * one name chained, so that finding a request's pool allocates no key on the hot path; pools
 * left without connections are dropped, so a client that talks to many origins over time keeps
 * only the live ones. Loop-confined.
 */
final class HostPools {
  private final HashMap<String, HostPool> byHost = new HashMap<>();

  /**
   * The pool for {@code request} sent over {@code family} through {@code proxy} in one of
   * {@code versions}, created when there is none.
   */
  HostPool get(HttpRequest request, AddressFamily family, Proxy proxy, HttpVersions versions) {
    HostPool first = byHost.get(request.host());
    for (HostPool pool = first; pool != null; pool = pool.next) {
      if (pool.origin.matches(request, family, proxy, versions)) {
        return pool;
      }
    }
    HostPool created = new HostPool(Origin.of(request, family, proxy, versions));
    created.next = first;
    byHost.put(request.host(), created);
    return created;
  }

  /** Unlinks {@code pool} when it holds no connection. Waiters find or recreate theirs. */
  void dropIfUnused(HostPool pool) {
    if (pool.openCount() > 0) {
      return;
    }
    String host = pool.origin.host;
    HostPool first = byHost.get(host);
    if (first == pool) {
      if (pool.next == null) {
        byHost.remove(host);
      } else {
        byHost.put(host, pool.next);
      }
      return;
    }
    for (HostPool each = first; each != null; each = each.next) {
      if (each.next == pool) {
        each.next = pool.next;
        return;
      }
    }
  }

  /** A pool other than {@code except} with an idle connection, or null. */
  HostPool withIdleExcept(HostPool except) {
    for (HostPool first : byHost.values()) {
      for (HostPool pool = first; pool != null; pool = pool.next) {
        if (pool != except && pool.hasIdle()) {
          return pool;
        }
      }
    }
    return null;
  }

  /** Every pool, in no particular order; a copy, so the caller may close connections. */
  List<HostPool> all() {
    List<HostPool> all = new ArrayList<>();
    for (HostPool first : byHost.values()) {
      for (HostPool pool = first; pool != null; pool = pool.next) {
        all.add(pool);
      }
    }
    return all;
  }

  void clear() {
    byHost.clear();
  }
}

package io.gust.client.metrics;

import io.gust.client.HttpRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests waiting for a connection, per origin, as the listeners saw them. Thread-safe. */
final class QueuedRequests {
  private final ConcurrentHashMap<String, AtomicInteger> byOrigin = new ConcurrentHashMap<>();

  /** The origin tag of {@code request}: {@code scheme://host:port}. */
  static String origin(HttpRequest request) {
    return origin(request.isHttps() ? "https" : "http", request.host(), request.port());
  }

  static String origin(String scheme, String host, int port) {
    return scheme + "://" + host + ":" + port;
  }

  /** Counts {@code delta} more waiting for {@code origin}; atomic with the snapshot's clean-up. */
  void add(String origin, int delta) {
    byOrigin.compute(origin, (o, count) -> {
      AtomicInteger counted = count != null ? count : new AtomicInteger();
      counted.addAndGet(delta);
      return counted;
    });
  }

  /** The origins with requests waiting and how many; drops the empty ones. */
  Map<String, Integer> snapshot() {
    Map<String, Integer> waiting = new TreeMap<>();
    for (String origin : byOrigin.keySet()) {
      byOrigin.computeIfPresent(origin, (o, count) -> {
        if (count.get() <= 0) {
          return null;
        }
        waiting.put(o, count.get());
        return count;
      });
    }
    return waiting;
  }
}

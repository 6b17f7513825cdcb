package io.gust.client.metrics;

import io.gust.client.AsyncHttpClient;
import io.gust.client.PoolSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The pool gauges of one client, per origin: {@code gust.client.pool.open}, {@code
 * gust.client.pool.idle}, {@code gust.client.pool.in.use} and {@code gust.client.pool.queued},
 * tagged {@code origin}, plus {@code gust.client.pool.origins} (origins with connections or
 * waiting requests). The origins with the most connections get gauges of their own up to the
 * limit; the rest are summed into {@code origin=other}.
 *
 * <p>The pool lives on the client's loops, so the gauges show the snapshot taken when {@code
 * gust.client.pool.origins} was last read (each read starts the next one, without waiting) or
 * when {@link #refresh()} last completed. Thread-safe.
 */
public final class PoolGauges {
  private final AsyncHttpClient client;
  private final QueuedRequests queued;
  private final int maxOrigins;
  private final MultiGauge open;
  private final MultiGauge idle;
  private final MultiGauge inUse;
  private final MultiGauge waiting;
  private volatile int originCount;

  PoolGauges(AsyncHttpClient client, MeterRegistry registry, QueuedRequests queued,
      int maxOrigins) {
    this.client = client;
    this.queued = queued;
    this.maxOrigins = maxOrigins;
    this.open = MultiGauge.builder("gust.client.pool.open")
        .description("Open connections, connecting ones included").register(registry);
    this.idle = MultiGauge.builder("gust.client.pool.idle")
        .description("Idle pooled connections").register(registry);
    this.inUse = MultiGauge.builder("gust.client.pool.in.use")
        .description("Connections carrying or opening for an exchange").register(registry);
    this.waiting = MultiGauge.builder("gust.client.pool.queued")
        .description("Requests waiting for a connection").register(registry);
    Gauge.builder("gust.client.pool.origins", this, PoolGauges::readOrigins)
        .description("Origins with connections or waiting requests").register(registry);
  }

  /** Takes a pool snapshot now; the future completes once the gauges show it. */
  public CompletableFuture<Void> refresh() {
    if (client.isClosed()) {
      update(new PoolSnapshot(List.of(), 0));
      return CompletableFuture.completedFuture(null);
    }
    return client.poolSnapshot().thenAccept(this::update);
  }

  private double readOrigins() {
    refresh();
    return originCount;
  }

  private void update(PoolSnapshot snapshot) {
    Map<String, int[]> byOrigin = new HashMap<>();
    for (PoolSnapshot.Host host : snapshot.hosts()) {
      int[] counts = byOrigin.computeIfAbsent(
          QueuedRequests.origin(host.scheme(), host.host(), host.port()), o -> new int[4]);
      counts[0] += host.open();
      counts[1] += host.idle();
      counts[2] += host.busy();
    }
    queued.snapshot().forEach((origin, count) ->
        byOrigin.computeIfAbsent(origin, o -> new int[4])[3] += count);
    List<Map.Entry<String, int[]>> ranked = new ArrayList<>(byOrigin.entrySet());
    ranked.sort(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
        .thenComparing(Map.Entry::getKey));
    Map<String, int[]> bounded = new HashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      String origin = i < maxOrigins ? ranked.get(i).getKey() : "other";
      int[] into = bounded.computeIfAbsent(origin, o -> new int[4]);
      int[] counts = ranked.get(i).getValue();
      for (int k = 0; k < 4; k++) {
        into[k] += counts[k];
      }
    }
    originCount = byOrigin.size();
    register(open, bounded, 0);
    register(idle, bounded, 1);
    register(inUse, bounded, 2);
    register(waiting, bounded, 3);
  }

  private static void register(MultiGauge gauge, Map<String, int[]> counts, int index) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>(counts.size());
    counts.forEach((origin, values) ->
        rows.add(MultiGauge.Row.of(Tags.of("origin", origin), values[index])));
    gauge.register(rows, true);
  }
}

package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.EventListener;
import io.gust.client.metrics.MicrometerMetrics;
import io.gust.client.metrics.PoolGauges;
import io.gust.loop.EventLoop;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * The demo's Micrometer registry: the client's calls, its pool and both loops (the client's and
 * the server's), printed after the scenario so that the watchdog's episode and the loop lag show
 * as the metrics saw them.
 */
final class DemoMetrics {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerMetrics metrics = MicrometerMetrics.builder(registry)
      .uriTemplate(request -> {
        String path = request.uri().getPath();
        return path.startsWith("/delay/") ? "/delay/{millis}" : path;
      })
      .build();
  private PoolGauges pool;
  private String serverLoopName;

  /** The factory to give the client. */
  EventListener.Factory listeners() {
    return metrics;
  }

  /** Binds the gauges of {@code client} (its pool and loop) and of the server's loop. */
  void watch(AsyncHttpClient client, EventLoop serverLoop) {
    pool = metrics.bindTo(client);
    metrics.bindLoop(serverLoop);
    serverLoopName = serverLoop.name();
  }

  /** Prints every meter, one line each, sorted by name and tags. */
  void print(PrintStream out) throws Exception {
    pool.refresh().get(10, TimeUnit.SECONDS);
    List<Meter> meters = new ArrayList<>(registry.getMeters());
    meters.sort(Comparator.comparing(DemoMetrics::describe));
    out.println();
    out.println("What the metrics saw (Micrometer, SimpleMeterRegistry; " + serverLoopName
        + " is the server's loop, the other the client's):");
    for (Meter meter : meters) {
      out.printf("  %-72s %s%n", describe(meter), value(meter));
    }
    out.flush();
  }

  private static String describe(Meter meter) {
    StringJoiner tags = new StringJoiner(",", "{", "}").setEmptyValue("");
    for (Tag tag : meter.getId().getTags()) {
      tags.add(tag.getKey() + "=" + tag.getValue());
    }
    return meter.getId().getName() + tags;
  }

  private static String value(Meter meter) {
    if (meter instanceof Timer) {
      Timer timer = (Timer) meter;
      return String.format("count=%d mean=%.1fms max=%.1fms", timer.count(),
          timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
    }
    if (meter instanceof TimeGauge) {
      return String.format("%.1fms", ((TimeGauge) meter).value(TimeUnit.MILLISECONDS));
    }
    if (meter instanceof FunctionCounter) {
      return String.format("%.0f", ((FunctionCounter) meter).count());
    }
    if (meter instanceof Gauge) {
      return String.format("%.0f", ((Gauge) meter).value());
    }
    return meter.measure().toString();
  }
}

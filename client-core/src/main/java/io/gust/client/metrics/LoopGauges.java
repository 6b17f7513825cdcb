package io.gust.client.metrics;

import io.gust.loop.EventLoop;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;

/** Registers the gauges of one loop's {@link EventLoop#stats()}. */
final class LoopGauges {
  private LoopGauges() {}

  static void bind(MeterRegistry registry, EventLoop loop) {
    Tags tags = Tags.of("loop", loop.name());
    TimeGauge.builder("gust.loop.lag", loop, TimeUnit.NANOSECONDS,
            l -> l.stats().currentLag().toNanos())
        .description("How late the loop ran its latest due work").tags(tags).register(registry);
    TimeGauge.builder("gust.loop.lag.max", loop, TimeUnit.NANOSECONDS,
            l -> l.stats().maxLag().toNanos())
        .description("The largest lag since the loop started").tags(tags).register(registry);
    TimeGauge.builder("gust.loop.task.longest", loop, TimeUnit.NANOSECONDS,
            l -> l.stats().longestRun().toNanos())
        .description("The longest work between two selects").tags(tags).register(registry);
    FunctionCounter.builder("gust.loop.tasks", loop, l -> l.stats().tasksRun())
        .description("Tasks, timers and readiness events run").tags(tags).register(registry);
    FunctionCounter.builder("gust.loop.blocked", loop, l -> l.stats().blockedEpisodes())
        .description("Times the watchdog found the loop blocked").tags(tags).register(registry);
    Gauge.builder("gust.loop.timers.pending", loop, l -> l.stats().pendingTimers())
        .description("Timers scheduled and not yet run or cancelled").tags(tags)
        .register(registry);
  }
}

package io.gust.client.telemetry;

import io.gust.loop.EventLoop;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempt spans open on each loop, for the watchdog's thread to annotate; kept only once
 * enabled, so that instrumentation without blocked-loop events pays nothing for it. Thread-safe.
 */
final class SpansInFlight {
  private final ConcurrentHashMap<EventLoop, Set<Span>> byLoop = new ConcurrentHashMap<>();
  private volatile boolean enabled;

  void enable() {
    enabled = true;
  }

  /** {@code span} is open on the current thread's loop. */
  void opened(Span span) {
    EventLoop loop = EventLoop.current();
    if (enabled && loop != null) {
      byLoop.computeIfAbsent(loop, l -> ConcurrentHashMap.newKeySet()).add(span);
    }
  }

  void closed(Span span) {
    EventLoop loop = EventLoop.current();
    if (enabled && loop != null) {
      Set<Span> spans = byLoop.get(loop);
      if (spans != null) {
        spans.remove(span);
      }
    }
  }

  /** The spans open on {@code loop} now. */
  List<Span> on(EventLoop loop) {
    Set<Span> spans = byLoop.get(loop);
    return spans == null ? List.of() : List.copyOf(spans);
  }
}

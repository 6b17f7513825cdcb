package io.gust.client.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code http.client.requests} timers, found by uri, method, status and exception without
 * building tags or ids once a combination was seen. Thread-safe.
 */
final class RequestTimers {
  static final String NAME = "http.client.requests";
  private static final int STATUS_SLOTS = 600;

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, ByResult>> byUri =
      new ConcurrentHashMap<>();

  RequestTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The timer for a call; {@code code} 0 when no response came, {@code error} null on success. */
  Timer timer(String uri, String method, int code, Class<?> error) {
    ConcurrentHashMap<String, ByResult> byMethod = byUri.get(uri);
    if (byMethod == null) {
      byMethod = byUri.computeIfAbsent(uri, u -> new ConcurrentHashMap<>());
    }
    ByResult results = byMethod.get(method);
    if (results == null) {
      results = byMethod.computeIfAbsent(method, m -> new ByResult());
    }
    if (error == null && code > 0 && code < STATUS_SLOTS) {
      Timer timer = results.byStatus.get(code);
      if (timer == null) {
        timer = register(uri, method, code, null);
        results.byStatus.set(code, timer);
      }
      return timer;
    }
    Class<?> key = error == null ? Void.class : error;
    ConcurrentHashMap<Class<?>, Timer> byError = code > 0 ? results.raised : results.failed;
    Timer timer = byError.get(key);
    if (timer == null) {
      timer = byError.computeIfAbsent(key, k -> register(uri, method, code, error));
    }
    return timer;
  }

  private Timer register(String uri, String method, int code, Class<?> error) {
    String status = code > 0 ? Integer.toString(code) : "CLIENT_ERROR";
    String outcome = code > 0 ? Outcome.forStatus(code).name() : "UNKNOWN";
    return Timer.builder(NAME).description("HTTP calls made by a Gust client, redirects included")
        .tag("method", method).tag("status", status).tag("outcome", outcome).tag("uri", uri)
        .tag("exception", error == null ? "none" : error.getSimpleName())
        .register(registry);
  }

  /** The timers of one uri and method. */
  private static final class ByResult {
    /** By status code, for calls that ended with a response. */
    final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(STATUS_SLOTS);
    /** By exception class, for calls that failed with a status (raiseError). */
    final ConcurrentHashMap<Class<?>, Timer> raised = new ConcurrentHashMap<>();
    /** By exception class, for calls that failed without response. */
    final ConcurrentHashMap<Class<?>, Timer> failed = new ConcurrentHashMap<>();
  }
}

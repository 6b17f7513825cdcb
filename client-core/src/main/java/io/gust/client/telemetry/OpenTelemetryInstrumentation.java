package io.gust.client.telemetry;

import io.gust.client.AsyncHttpClient;
import io.gust.client.EventListener;
import io.gust.client.HttpRequest;
import io.gust.loop.BlockedLoopListener;
import io.gust.loop.EventLoop;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;
import java.util.Objects;

/**
 * Traces and measures a client's calls with OpenTelemetry, following the stable HTTP client
 * semantic conventions.
 *
 * <p>As an {@link EventListener.Factory} (give it to {@link
 * AsyncHttpClient.Builder#eventListenerFactory}) it makes one span of kind CLIENT per network
 * attempt (the first request, each redirect hop, each retry), a child of the context current on
 * the thread that called {@code fetch}. The span is named by the method and carries {@code
 * http.request.method}, {@code server.address}, {@code server.port}, {@code url.full} (without
 * user info), {@code http.response.status_code}, {@code network.peer.address} and {@code
 * network.peer.port}, {@code http.request.resend_count} from the second attempt on, and on
 * failure {@code error.type} (the status code from 400 on, else the exception's class name)
 * with status ERROR. The propagator of the {@link OpenTelemetry} given writes the span's
 * context into the attempt's request head ({@code traceparent} with W3C trace context). Each
 * attempt is also recorded in the histogram {@code http.client.request.duration}, in seconds.
 *
 * <p>{@link #blockedLoopListener()} turns the watchdog's blocked-loop episodes into the event
 * {@code gust.loop.blocked} on every span in flight on the blocked loop. Thread-safe.
 */
public final class OpenTelemetryInstrumentation implements EventListener.Factory {
  static final String SCOPE = "io.gust.client";
  /** The buckets the semantic conventions advise for HTTP durations, in seconds. */
  private static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075,
      0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
  static final AttributeKey<String> LOOP_NAME = AttributeKey.stringKey("gust.loop.name");
  static final AttributeKey<Double> BLOCKED_SECONDS =
      AttributeKey.doubleKey("gust.loop.blocked.duration");

  final Tracer tracer;
  final TextMapPropagator propagator;
  final DoubleHistogram duration;
  /** The spans in flight per loop, kept once {@link #blockedLoopListener()} was asked for. */
  final SpansInFlight inFlight = new SpansInFlight();

  private OpenTelemetryInstrumentation(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(SCOPE);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.duration = openTelemetry.getMeter(SCOPE).histogramBuilder("http.client.request.duration")
        .setUnit("s").setDescription("Duration of HTTP client requests.")
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
  }

  /** Instrumentation that reports to {@code openTelemetry}'s tracer, meter and propagator. */
  public static OpenTelemetryInstrumentation create(OpenTelemetry openTelemetry) {
    return new OpenTelemetryInstrumentation(Objects.requireNonNull(openTelemetry,
        "openTelemetry"));
  }

  /** The listener of one call; captures the calling thread's context as the spans' parent. */
  @Override
  public EventListener create(HttpRequest request) {
    return new AttemptSpans(this, Context.current());
  }

  /**
   * A listener for {@link EventLoop.Builder#blockedLoopListener} that adds the event {@code
   * gust.loop.blocked} (with {@code gust.loop.name} and {@code gust.loop.blocked.duration} in
   * seconds) to each attempt span in flight on the blocked loop. Chain it after the logging
   * listener to keep the WARN: {@code BlockedLoopListener.logging().andThen(...)}.
   */
  public BlockedLoopListener blockedLoopListener() {
    inFlight.enable();
    return (loop, blockedFor, threshold, stack) -> {
      Attributes attributes = Attributes.of(LOOP_NAME, loop.name(), BLOCKED_SECONDS,
          blockedFor.toNanos() / 1e9);
      for (Span span : inFlight.on(loop)) {
        span.addEvent("gust.loop.blocked", attributes);
      }
    };
  }
}

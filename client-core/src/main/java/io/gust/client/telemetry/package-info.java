/**
 * OpenTelemetry for Gust's client: {@link io.gust.client.telemetry.OpenTelemetryInstrumentation}
 * is an event listener factory that makes one CLIENT span per network attempt, with the stable
 * HTTP semantic conventions, propagates the trace context into each attempt's request head, and
 * records the {@code http.client.request.duration} histogram.
 *
 * <p>OpenTelemetry is an optional dependency of gust-client-core: only an application that uses
 * this package needs {@code io.opentelemetry:opentelemetry-api} on its class path (on the module
 * path, its own module {@code requires io.opentelemetry.api}), and the rest of Gust never loads
 * it. The SDK or agent that exports spans and metrics is the application's choice. Listeners run
 * on the loop thread; {@link
 * io.gust.client.telemetry.OpenTelemetryInstrumentation#blockedLoopListener()} also turns the
 * watchdog's blocked-loop episodes into span events.
 */
package io.gust.client.telemetry;

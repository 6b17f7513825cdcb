/**
 * Micrometer metrics for Gust's client and loops: {@link io.gust.client.metrics.MicrometerMetrics}
 * is an event listener factory that times each call as {@code http.client.requests}, and binds
 * gauges of a client's pool and of its loops' health.
 *
 * <p>Micrometer is an optional dependency of gust-client-core: only an application that uses
 * this package needs {@code io.micrometer:micrometer-core} on its class path (on the module path,
 * its own module {@code requires micrometer.core}), and the rest of Gust never loads it. Listeners
 * run on the loop thread; gauges are read on whatever thread the registry publishes from.
 */
package io.gust.client.metrics;

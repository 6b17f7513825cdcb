/**
 * The companion HTTP/1.1 server: {@link io.gust.server.HttpServer}, its router and handler
 * styles, and {@link io.gust.server.TestServer} with the shared {@link io.gust.server.TestRoutes}.
 *
 * <p>It uses {@code io.gust.loop}, {@code io.gust.net} and {@code io.gust.http}, never the
 * client. Connections, parsers and timers are confined to the loop thread that owns the
 * connection; synchronous handlers run there too, so a handler that blocks holds up every
 * connection on its loop (the loop watchdog names it). Blocking work belongs on an executor
 * through {@link io.gust.server.Handlers#offload}.
 */
package io.gust.server;

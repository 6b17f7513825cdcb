/**
 * The companion HTTP/1.1 and HTTP/2 server: {@link io.gust.server.HttpServer}, its router and
 * handler styles (the same for both protocols), WebSocket routes ({@link io.gust.server.WebSocketHandler} to pull messages, {@link
 * io.gust.server.WebSocketListener} for callbacks, both on a {@link
 * io.gust.server.WebSocketSession}), and {@link io.gust.server.TestServer} with the shared
 * {@link io.gust.server.TestRoutes}.
 *
 * <p>It uses {@code io.gust.loop}, {@code io.gust.net}, {@code io.gust.http}, the HTTP/2 codec
 * {@code io.gust.http2} and the WebSocket codec {@code io.gust.websocket}, and of {@code io.gust.client} only the shared model types,
 * never the client itself. Connections, parsers and timers are confined to the loop thread that
 * owns the connection; synchronous handlers run there too, so a handler that blocks holds up
 * every connection on its loop (the loop watchdog names it). Blocking work belongs on an
 * executor through {@link io.gust.server.Handlers#offload}. A connection upgraded to WebSocket
 * stays on its loop; its session's public methods may be called from any thread and hop there.
 * An HTTP/2 connection runs its streams' handlers on its loop too, many at once.
 */
package io.gust.server;

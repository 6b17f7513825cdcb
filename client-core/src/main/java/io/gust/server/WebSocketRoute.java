package io.gust.server;

/**
 * What a WebSocket route runs: a pull-style {@link WebSocketHandler} or a {@link
 * WebSocketListener} (exactly one is set), with the route's options. Immutable.
 */
record WebSocketRoute(WebSocketHandler handler, WebSocketListener listener, WebSocketOptions options) {}

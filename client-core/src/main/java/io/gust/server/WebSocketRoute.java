package io.gust.server;

import io.gust.client.WebSocketOptions;
import io.gust.websocket.DeflateParameters;
import io.gust.websocket.WebSocketLimits;
import io.gust.websocket.WebSocketSettings;
import java.time.Duration;

/**
 * What a WebSocket route runs: a pull-style {@link WebSocketHandler} or a {@link
 * WebSocketListener} (exactly one is set), with the route's options and what its sessions share,
 * made from them once. Immutable.
 */
record WebSocketRoute(WebSocketHandler handler, WebSocketListener listener,
    WebSocketOptions options, WebSocketSettings settings, WebSocketLimits limits,
    DeflateParameters deflatePolicy) {
  /** A server route's idle timeout when its options set none. */
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  WebSocketRoute(WebSocketHandler handler, WebSocketListener listener, WebSocketOptions options) {
    this(handler, listener, options, WebSocketSettings.of(options, DEFAULT_IDLE_TIMEOUT),
        new WebSocketLimits(options.maxMessageBytes(), options.maxMessageBytes()),
        new DeflateParameters(options.serverNoContextTakeover(),
            options.clientNoContextTakeover(), 15, 15));
  }
}

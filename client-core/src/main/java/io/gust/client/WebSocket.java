package io.gust.client;

import okio.ByteString;

/**
 * A WebSocket connection the client opened with {@link AsyncHttpClient#websocket}, after a
 * fully checked opening handshake (RFC 6455 §4.1, with permessage-deflate of RFC 7692 when the
 * server agreed). Every method may be called from any thread; futures complete, and a {@link
 * Listener} is called, on the client's loop thread, so what runs there must not block.
 *
 * <p>Two styles: with a {@link Listener}, messages are pushed to it as they arrive; without one,
 * {@link #receive()} pulls the next message. Either way pings are answered at once, and a close
 * or drop by the server is noticed. Sending, receiving, closing and the states are those of every
 * {@link WebSocketConnection}; after the close handshake the client waits for the server to
 * close the TCP connection, up to the close timeout.
 */
public interface WebSocket extends WebSocketConnection {
  /**
   * Returns a builder of the handshake request for {@code url}: ws and wss become http and https
   * (the handshake is an HTTP request); headers, timeouts and the like may be added.
   */
  static HttpRequest.Builder request(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("ws://")) {
      return HttpRequest.newBuilder("http://" + url.substring(5));
    } else if (lower.startsWith("wss://")) {
      return HttpRequest.newBuilder("https://" + url.substring(6));
    }
    return HttpRequest.newBuilder(url);
  }

  /** The 101 response that opened this WebSocket, with its header fields and timings. */
  HttpResponse response();

  /**
   * The callback style: the client calls it for every event of its WebSocket, one call at a time,
   * on the loop thread. Every method does nothing by default. The socket is read while the
   * callbacks return, so a listener that hands work elsewhere bounds it itself. A callback that
   * throws is logged at WARN and fails the WebSocket with 1011. Callbacks must not block.
   */
  interface Listener {
    /** The handshake succeeded; called before the connect future completes. */
    default void onOpen(WebSocket webSocket) throws Exception {}

    /** A whole text message arrived (reassembled, inflated and checked as UTF-8). */
    default void onText(WebSocket webSocket, String text) throws Exception {}

    /** A whole binary message arrived. */
    default void onBinary(WebSocket webSocket, ByteString data) throws Exception {}

    /** A ping arrived; the pong is queued already. */
    default void onPing(WebSocket webSocket, ByteString payload) throws Exception {}

    /** A pong arrived. */
    default void onPong(WebSocket webSocket, ByteString payload) throws Exception {}

    /**
     * The WebSocket ended; called once, last: {@code code} is the server's close code after a
     * close handshake, the code the client sent when it failed the connection, or 1006.
     */
    default void onClose(WebSocket webSocket, int code, String reason) throws Exception {}

    /** The WebSocket failed with a {@link WebSocketException}; {@link #onClose} follows. */
    default void onError(WebSocket webSocket, Throwable error) throws Exception {}
  }
}

package io.gust.server;

import okio.ByteString;

/**
 * A WebSocket route's handler in the callback style: the server calls it for every event of every
 * session of its route, one call at a time per session, on that session's loop thread. Every
 * method does nothing by default; override those you need. One instance serves all sessions of
 * the route, so per-session state belongs in a map keyed by session, or in a listener that
 * delegates.
 *
 * <p>Messages are delivered as they arrive, and the socket is read while the callbacks return, so
 * a listener that hands work elsewhere must bound it itself (or use {@link WebSocketHandler}, the
 * pull style, where reading waits for the handler). Pings are answered with pongs before {@link
 * #onPing} is called. A callback that throws is logged at WARN and closes the session with 1011
 * (internal error). Callbacks must not block.
 */
public interface WebSocketListener {
  /** The upgrade was answered with 101; the session may send at once. */
  default void onOpen(WebSocketSession session) throws Exception {}

  /** A whole text message arrived (reassembled, inflated and checked as UTF-8). */
  default void onText(WebSocketSession session, String text) throws Exception {}

  /** A whole binary message arrived. */
  default void onBinary(WebSocketSession session, ByteString data) throws Exception {}

  /** A ping arrived; the server already queued the pong. */
  default void onPing(WebSocketSession session, ByteString payload) throws Exception {}

  /** A pong arrived, answering a ping or unsolicited. */
  default void onPong(WebSocketSession session, ByteString payload) throws Exception {}

  /**
   * The session ended; called once, last. {@code code} is the peer's close code (1005 when its
   * close frame had none) after a close handshake, the code the server sent when it failed the
   * session, or 1006 when the connection dropped without a close frame.
   */
  default void onClose(WebSocketSession session, int code, String reason) throws Exception {}

  /**
   * The session failed with a {@link io.gust.client.WebSocketException}: the peer broke the
   * protocol or sent a message over the limit, the connection dropped, a keepalive ping went
   * unanswered, or a callback threw. {@link #onClose} follows.
   */
  default void onError(WebSocketSession session, Throwable error) throws Exception {}
}

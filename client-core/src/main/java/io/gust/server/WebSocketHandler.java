package io.gust.server;

/**
 * A WebSocket route's handler in the pull style: called once per session, on its connection's
 * loop thread, right after the server answered the upgrade with 101. It starts a chain of {@link
 * WebSocketSession#receive()} calls (Tornado's {@code read_message}) and returns at once.
 *
 * <pre>{@code
 * static void echo(WebSocketSession session) {
 *   session.receive().thenCompose(message -> message == null
 *       ? CompletableFuture.completedFuture(null)
 *       : session.send(message).thenRun(() -> echo(session)));
 * }
 * }</pre>
 *
 * <p>Reading is driven by the handler: while no {@code receive()} is pending the server stops
 * reading the socket once 64 KiB of messages wait, so a client faster than the handler is slowed down by TCP flow control
 * instead of filling the heap. An exception thrown here is logged at WARN and closes the session
 * with 1011 (internal error). Like every code on the loop, it must not block.
 */
@FunctionalInterface
public interface WebSocketHandler {
  /** The session is open; start receiving from it (or close it). */
  void onOpen(WebSocketSession session) throws Exception;
}

package io.gust.server;

import io.gust.client.WebSocket.Message;
import io.gust.client.WebSocketException;
import io.gust.client.WebSocketOptions;
import io.gust.client.WebSocketQueueFullException;
import java.util.concurrent.CompletableFuture;
import okio.ByteString;

/**
 * One WebSocket connection the server accepted, for its handler to send on, receive from and
 * close. Every method may be called from any thread; futures complete on the session's loop
 * thread, so what runs there must not block.
 *
 * <p>Sending returns a future that completes once the frame was written to the socket. Frames
 * not yet written count against {@link WebSocketOptions.Builder#sendQueueBytes the send queue's
 * bound}: a send that would pass it fails at once with {@link WebSocketQueueFullException} and
 * the session goes on; a send on a session that is closing or closed fails with {@link
 * WebSocketException}. Both, and its messages and options, are the client's types: one import of
 * {@code io.gust.client} serves both sides.
 *
 * <p>States: OPEN → CLOSING when the server sent a close frame (messages the client sent before
 * it saw the close are still delivered) → CLOSED when the client's close answered it, or the close timeout passed; OPEN →
 * CLOSED when the client's close frame came first (the server answers it), or the session failed
 * or dropped. In CLOSED the server closes the TCP connection once its close frame is written.
 */
public interface WebSocketSession {
  /** The upgrade request: its path, path groups, query and header fields. */
  Request request();

  /** The subprotocol the server agreed to, or null when none was. */
  String subprotocol();

  /** True when permessage-deflate was negotiated. */
  boolean isCompressed();

  /** True while OPEN: until a close frame was sent or received, or the session failed. */
  boolean isOpen();

  /** Sends a text message. */
  CompletableFuture<Void> sendText(String text);

  /** Sends a binary message. */
  CompletableFuture<Void> sendBinary(ByteString data);

  /** Sends {@code message} as it came: text as text, binary as binary (handy for echoes). */
  default CompletableFuture<Void> send(Message message) {
    return message.isText() ? sendText(message.text()) : sendBinary(message.data());
  }

  /** Sends a ping carrying {@code payload} (at most 125 bytes). */
  CompletableFuture<Void> ping(ByteString payload);

  /**
   * Returns a future of the next whole data message: the pull style of {@link WebSocketHandler}
   * (Tornado's {@code read_message}). It completes with null once the session closed cleanly
   * (after a close handshake, either side first) and fails with the error when the session
   * failed. One receive may be pending at a time: a second fails with IllegalStateException, as
   * does receiving on a session of a {@link WebSocketListener} route. Until it is called, the
   * server reads at most 64 KiB of messages ahead (plus the one that passes that), then stops
   * reading the socket; a close or a drop by the client below that is noticed at once.
   */
  CompletableFuture<Message> receive();

  /**
   * Starts the close handshake with {@code code} (1000, 1001, 1003, 1007 to 1014, or 3000 to
   * 4999) and {@code reason} (at most 123 bytes of UTF-8); the future completes once the
   * connection closed: when the peer answered, or after the close timeout. Idempotent: later
   * calls return the same future. Invalid arguments throw IllegalArgumentException at once.
   */
  CompletableFuture<Void> close(int code, String reason);

  /**
   * The close code once the session ended: the peer's (1005 when it sent none), the one the
   * server sent when it failed the session, or 1006 when the connection dropped; 0 while open.
   */
  int closeCode();

  /** The close reason once the session ended; empty while open or when none was given. */
  String closeReason();
}

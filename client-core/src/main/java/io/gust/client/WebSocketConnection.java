package io.gust.client;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okio.ByteString;

/**
 * One open WebSocket connection, either side's: what the client's {@link WebSocket} and the
 * companion server's {@code WebSocketSession} have in common, to send on, receive from and
 * close. Every method may be called from any thread; futures complete on the connection's loop
 * thread, so what runs there must not block.
 *
 * <p>Sending returns a future completed once the frame was written to the socket. Frames not yet
 * written count against the send queue's bound ({@link WebSocketOptions.Builder#sendQueueBytes}):
 * a send that would pass it fails at once with {@link WebSocketQueueFullException} and the
 * connection goes on; a send once closing or closed fails with {@link WebSocketException}.
 *
 * <p>States: OPEN → CLOSING once this side sent a close frame (messages the peer sent before it
 * saw the close are still delivered) → CLOSED when the peer's close answered it and the
 * connection ended, or after the close timeout; OPEN → CLOSED when the peer's close came first
 * (it is answered), or the connection failed or dropped. The connection is released on every
 * path.
 */
public interface WebSocketConnection {
  /** The subprotocol agreed in the opening handshake, or null when none was. */
  String subprotocol();

  /** True when permessage-deflate was negotiated. */
  boolean isCompressed();

  /** True while OPEN: until a close frame was sent or received, or the connection failed. */
  boolean isOpen();

  /** Sends a text message. */
  CompletableFuture<Void> sendText(String text);

  /** Sends a binary message. */
  CompletableFuture<Void> sendBinary(ByteString data);

  /** Sends {@code message} as it is: text as text, binary as binary (handy for echoes). */
  default CompletableFuture<Void> send(Message message) {
    return message.isText() ? sendText(message.text()) : sendBinary(message.data());
  }

  /** Sends a ping carrying {@code payload} (at most 125 bytes). */
  CompletableFuture<Void> ping(ByteString payload);

  /**
   * Returns a future of the next whole data message, the pull style (Tornado's {@code
   * read_message}). It completes with null once the connection closed cleanly (after a close
   * handshake, either side first), and fails with a {@link WebSocketException} when it failed;
   * messages read before either are still delivered first. One receive may be pending at a
   * time: a second fails with IllegalStateException, as does receiving on a connection whose
   * messages go to a listener. Until it is called, at most 64 KiB of messages are read ahead
   * (plus the one that passes that), then reads stop, so a fast peer cannot fill the heap; a
   * close or a drop by the peer below that is noticed at once.
   */
  CompletableFuture<Message> receive();

  /**
   * Starts the close handshake with {@code code} (1000, 1001, 1003, 1007 to 1014, or 3000 to
   * 4999) and {@code reason} (at most 123 bytes of UTF-8); the future completes once the
   * connection is closed: after the peer answered, or after the close timeout. Idempotent:
   * later calls return the same future. Invalid arguments throw IllegalArgumentException at once.
   */
  CompletableFuture<Void> close(int code, String reason);

  /**
   * The close code once closed: the peer's (1005 when its close frame had none), the one this
   * side sent when it failed the connection, or 1006 when the connection dropped; 0 while open.
   */
  int closeCode();

  /** The close reason once closed; empty while open or when none was given. */
  String closeReason();

  /** A whole data message, text or binary: what {@link #receive()} returns. Immutable. */
  final class Message {
    private final boolean text;
    private final ByteString data;

    Message(boolean text, ByteString data) {
      this.text = text;
      this.data = Objects.requireNonNull(data, "data");
    }

    /** A text message of {@code text}. */
    public static Message text(String text) {
      return new Message(true, ByteString.encodeUtf8(text));
    }

    /** A binary message of {@code data}. */
    public static Message binary(ByteString data) {
      return new Message(false, data);
    }

    /** True for a text message, false for a binary one. */
    public boolean isText() {
      return text;
    }

    /** The payload decoded as UTF-8: a text message's text. */
    public String text() {
      return data.utf8();
    }

    /** The payload's bytes (for a text message, its UTF-8 encoding). */
    public ByteString data() {
      return data;
    }

    @Override
    public String toString() {
      return (text ? "TEXT (" : "BINARY (") + data.size() + " bytes)";
    }
  }
}

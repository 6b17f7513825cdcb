package io.gust.client;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okio.ByteString;

/**
 * A WebSocket connection the client opened with {@link AsyncHttpClient#websocket}, after a
 * fully checked opening handshake (RFC 6455 §4.1, with permessage-deflate of RFC 7692 when the
 * server agreed). Every method may be called from any thread; futures complete, and a {@link
 * Listener} is called, on the client's loop thread, so what runs there must not block.
 *
 * <p>Two styles: with a {@link Listener}, messages are pushed to it as they arrive; without one,
 * {@link #receive()} pulls the next message, and the client stops reading the socket once 64 KiB
 * of messages wait unasked-for, so a fast server cannot fill the heap. Either way pings are
 * answered at once, and a close or drop by the server is noticed.
 *
 * <p>Sending returns a future completed once the frame was written to the socket. Frames not yet
 * written count against the send queue's bound: a send that would pass it fails at once with
 * {@link WebSocketQueueFullException} and the WebSocket goes on; a send once closing fails with
 * {@link WebSocketException}.
 *
 * <p>States: OPEN → CLOSING once the client sent a close frame (messages the server sent before
 * it saw the close are still delivered) → CLOSED when the server's close answered it and it closed the connection, or after the close
 * timeout; OPEN → CLOSED when the server's close came first (the client answers it), or the
 * WebSocket failed or dropped. The connection is released on every path.
 */
public interface WebSocket {
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

  /** The subprotocol the server chose, or null when it chose none. */
  String subprotocol();

  /** True when permessage-deflate was negotiated. */
  boolean isCompressed();

  /** True while OPEN: until a close frame was sent or received, or the WebSocket failed. */
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
   * Returns a future of the next whole data message (Tornado's {@code read_message}). It
   * completes with null once the WebSocket closed cleanly, and fails with a {@link
   * WebSocketException} when it failed; messages read before either are still delivered first.
   * One receive may be pending at a time: a second fails with IllegalStateException, as does
   * receiving on a WebSocket opened with a listener.
   */
  CompletableFuture<Message> receive();

  /**
   * Starts the close handshake with {@code code} (1000, 1001, 1003, 1007 to 1014, or 3000 to
   * 4999) and {@code reason} (at most 123 bytes of UTF-8); the future completes once the
   * connection is closed: after the server answered and closed it, or after the close timeout.
   * Idempotent. Invalid arguments throw IllegalArgumentException at once.
   */
  CompletableFuture<Void> close(int code, String reason);

  /**
   * The close code once closed: the server's (1005 when its close frame had none), the one the
   * client sent when it failed the connection, or 1006 when the connection dropped; 0 while open.
   */
  int closeCode();

  /** The close reason once closed; empty while open or when none was given. */
  String closeReason();

  /**
   * A whole data message, text or binary: what {@link #receive()} and the server's {@code
   * WebSocketSession.receive()} return. Immutable.
   */
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

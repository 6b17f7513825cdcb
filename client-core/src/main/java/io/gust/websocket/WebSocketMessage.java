package io.gust.websocket;

import java.util.Objects;
import okio.ByteString;

/**
 * One message read from a WebSocket connection: a whole data message (text or binary, reassembled
 * and inflated) or a control message (ping, pong, close). Immutable.
 */
public final class WebSocketMessage {
  /** What kind of message this is. */
  public enum Type {
    /** A text message; its payload is valid UTF-8. */
    TEXT,
    /** A binary message. */
    BINARY,
    /** A ping, which the receiver answers with a pong carrying the same payload. */
    PING,
    /** A pong. */
    PONG,
    /** A close frame; {@link #closeCode()} and {@link #closeReason()} say why. */
    CLOSE
  }

  private final Type type;
  private final ByteString payload;

  WebSocketMessage(Type type, ByteString payload) {
    this.type = Objects.requireNonNull(type, "type");
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  /** Returns the kind of message. */
  public Type type() {
    return type;
  }

  /** Returns the payload as it arrived (for a close, the code and reason bytes). */
  public ByteString payload() {
    return payload;
  }

  /** Returns the payload decoded as UTF-8: the text of a text message. */
  public String text() {
    return payload.utf8();
  }

  /** Returns a close message's status code, or {@link CloseCodes#NO_STATUS} when it had none. */
  public int closeCode() {
    checkClose();
    return payload.size() < 2 ? CloseCodes.NO_STATUS : (payload.getByte(0) & 0xff) << 8 | (payload.getByte(1) & 0xff);
  }

  /** Returns a close message's reason, empty when it had none. */
  public String closeReason() {
    checkClose();
    return payload.size() < 2 ? "" : payload.substring(2).utf8();
  }

  private void checkClose() {
    if (type != Type.CLOSE) {
      throw new IllegalStateException("not a close message: " + type);
    }
  }

  @Override
  public String toString() {
    return type == Type.CLOSE ? "CLOSE " + closeCode() : type + " (" + payload.size() + " bytes)";
  }
}

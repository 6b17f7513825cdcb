package io.gust.websocket;

/**
 * The header of one frame (RFC 6455 §5.2) as read or to be written.
 *
 * @param maskKey the masking key, meaningful only when {@code masked}
 */
record FrameHeader(boolean fin, boolean rsv1, int opcode, boolean masked, int maskKey, long payloadLength) {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xa;

  /** The longest payload a control frame may carry. */
  static final int MAX_CONTROL_PAYLOAD = 125;

  static boolean isControl(int opcode) {
    return (opcode & 0x8) != 0;
  }

  static boolean isKnown(int opcode) {
    return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
  }

  boolean isControl() {
    return isControl(opcode);
  }
}

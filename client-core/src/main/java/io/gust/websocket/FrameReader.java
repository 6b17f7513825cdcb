package io.gust.websocket;

import okio.Buffer;

/**
 * Reads frames incrementally: {@link #readHeader} parses a header once all of it is buffered
 * (or answers null for "need more"), then {@link #readPayload} moves the payload out, unmasked,
 * as its bytes arrive, so a large frame never has to be buffered whole. Checks everything a frame
 * says about itself: reserved bits and opcodes, masking for the reader's role, the shortest length
 * encoding, control frame rules and the frame size limit. Loop-confined.
 */
final class FrameReader {
  private final Role role;
  private final boolean compressionNegotiated;
  private final long maxFrameBytes;

  /** The frame whose payload is being read, or null between frames. */
  private FrameHeader current;

  /** Payload bytes of {@link #current} not yet moved out. */
  private long remaining;

  /** Index into the masking key of the next payload byte. */
  private int keyIndex;

  FrameReader(Role role, boolean compressionNegotiated, long maxFrameBytes) {
    this.role = role;
    this.compressionNegotiated = compressionNegotiated;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Consumes the next frame's header from {@code in}; returns null and consumes nothing when
   * it is not all there yet. Call only after the previous frame's payload was read.
   */
  FrameHeader readHeader(Buffer in) throws WebSocketProtocolException {
    if (remaining > 0) {
      throw new IllegalStateException("the payload of the previous frame was not read");
    }
    if (in.size() < 2) {
      return null;
    }
    int b0 = in.getByte(0) & 0xff;
    int b1 = in.getByte(1) & 0xff;
    checkFirstBytes(b0, b1);
    int length7 = b1 & 0x7f;
    int lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    boolean masked = (b1 & 0x80) != 0;
    if (in.size() < 2 + lengthBytes + (masked ? 4 : 0)) {
      return null;
    }
    long length = lengthBytes == 0 ? length7 : extendedLength(in, lengthBytes);
    if (length > maxFrameBytes) {
      throw new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG,
          "frame of " + length + " bytes over the limit of " + maxFrameBytes);
    }
    int maskKey = masked ? in.getByte(2 + lengthBytes) << 24 | (in.getByte(3 + lengthBytes) & 0xff) << 16
        | (in.getByte(4 + lengthBytes) & 0xff) << 8 | (in.getByte(5 + lengthBytes) & 0xff) : 0;
    Segments.skip(in, 2 + lengthBytes + (masked ? 4 : 0));
    current = new FrameHeader((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0f, masked, maskKey, length);
    remaining = length;
    keyIndex = 0;
    return current;
  }

  /** Checks what the first two bytes say, so that a bad frame fails before its length arrives. */
  private void checkFirstBytes(int b0, int b1) throws WebSocketProtocolException {
    int opcode = b0 & 0x0f;
    if (!FrameHeader.isKnown(opcode)) {
      throw protocolError("reserved opcode " + opcode);
    }
    if ((b0 & 0x30) != 0) {
      throw protocolError("reserved bit RSV2 or RSV3 set without an extension that defines it");
    }
    if ((b0 & 0x40) != 0 && (!compressionNegotiated || opcode == FrameHeader.CONTINUATION
        || FrameHeader.isControl(opcode))) {
      throw protocolError("RSV1 set on a frame that permessage-deflate does not allow it on");
    }
    boolean masked = (b1 & 0x80) != 0;
    if (masked != (role == Role.SERVER)) {
      throw protocolError(masked ? "a server must not mask its frames" : "a client must mask its frames");
    }
    if (FrameHeader.isControl(opcode) && ((b0 & 0x80) == 0 || (b1 & 0x7f) > FrameHeader.MAX_CONTROL_PAYLOAD)) {
      throw protocolError("a control frame must be final and carry at most 125 bytes");
    }
  }

  private static long extendedLength(Buffer in, int lengthBytes) throws WebSocketProtocolException {
    long length = 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = length << 8 | (in.getByte(2 + i) & 0xff);
    }
    if (length < 0) {
      throw protocolError("64-bit payload length with its most significant bit set");
    }
    if (length < (lengthBytes == 2 ? 126 : 65536)) {
      throw protocolError("payload length " + length + " not in its shortest encoding");
    }
    return length;
  }

  /**
   * Moves as much of the current payload as {@code in} holds to the end of {@code out},
   * unmasked; returns how many bytes it moved.
   */
  long readPayload(Buffer in, Buffer out) {
    long byteCount = Math.min(remaining, in.size());
    long offset = out.size();
    out.write(in, byteCount);
    if (current.masked()) {
      keyIndex = Masking.apply(out, offset, byteCount, current.maskKey(), keyIndex);
    }
    remaining -= byteCount;
    return byteCount;
  }

  /** Returns the payload bytes of the current frame still to read. */
  long remaining() {
    return remaining;
  }

  static WebSocketProtocolException protocolError(String message) {
    return new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, message);
  }
}

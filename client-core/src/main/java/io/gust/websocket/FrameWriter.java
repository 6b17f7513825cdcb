package io.gust.websocket;

import okio.Buffer;
import okio.ByteString;

/**
 * Writes frames (RFC 6455 §5.2) in the shortest length encoding, masking the payload with a key
 * from {@code maskKeys} when it is given (a client's writer) and leaving it clear when it is null
 * (a server's).
 */
final class FrameWriter {
  private final MaskKeys maskKeys;
  /** Reused by every masked write; the writer's thread only. */
  private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();

  FrameWriter(MaskKeys maskKeys) {
    this.maskKeys = maskKeys;
  }

  /** Writes {@code payload} to {@code out} as one unfragmented, uncompressed data frame. */
  void write(Buffer out, int opcode, ByteString payload) {
    writeHeader(out, true, false, opcode, payload.size());
    if (maskKeys == null) {
      out.write(payload);
      return;
    }
    int key = maskKeys.next();
    out.writeInt(key);
    Masking.writeMasked(out, payload, key, cursor);
  }

  /** Moves all of {@code payload} into {@code out} as one frame. */
  void write(Buffer out, boolean fin, boolean rsv1, int opcode, Buffer payload) {
    long length = payload.size();
    writeHeader(out, fin, rsv1, opcode, length);
    if (maskKeys == null) {
      out.write(payload, length);
      return;
    }
    int key = maskKeys.next();
    out.writeInt(key);
    long offset = out.size();
    out.write(payload, length);
    Masking.apply(out, offset, length, key, 0);
  }

  /** The frame's first bytes up to its length, and the mask bit when this writer masks. */
  private void writeHeader(Buffer out, boolean fin, boolean rsv1, int opcode, long length) {
    out.writeByte((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
    int maskBit = maskKeys != null ? 0x80 : 0;
    if (length <= FrameHeader.MAX_CONTROL_PAYLOAD) {
      out.writeByte(maskBit | (int) length);
    } else if (length <= 0xffff) {
      out.writeByte(maskBit | 126);
      out.writeShort((int) length);
    } else {
      out.writeByte(maskBit | 127);
      out.writeLong(length);
    }
  }
}

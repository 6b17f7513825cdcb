package io.gust.websocket;

import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import okio.Buffer;
import okio.ByteString;

/**
 * Writes WebSocket messages as frames into a buffer the connection then sends: each data message
 * as one frame, compressed with permessage-deflate when it was negotiated and the message is at
 * least the compression threshold; control frames as they are. A client's writer masks every
 * frame with a key from its {@link MaskKeys}; a server's masks nothing.
 *
 * <p>Loop-confined: the thread that owns the connection owns the writer and must {@link
 * #close()} it on every path to free the compressor's native memory. Arguments a peer would
 * reject (a control payload over 125 bytes, a close code not allowed on the wire) are
 * programmer errors and throw IllegalArgumentException before anything is written.
 */
public final class WebSocketWriter implements AutoCloseable {
  /** Messages shorter than this many bytes go uncompressed by default, as compressing them rarely pays. */
  public static final long DEFAULT_COMPRESSION_THRESHOLD = 1024;

  private final FrameWriter frames;
  /** Null when permessage-deflate was not negotiated. */
  private final MessageDeflater deflater;
  private final long compressionThresholdBytes;
  private final Buffer compressed = new Buffer();

  private boolean closed;

  /**
   * Creates a writer for the endpoint of {@code role}. {@code deflate} is the permessage-deflate
   * agreement or null; {@code maskKeys} is required for a client and ignored for a server.
   */
  public WebSocketWriter(Role role, DeflateParameters deflate, long compressionThresholdBytes, MaskKeys maskKeys) {
    if (role == Role.CLIENT && maskKeys == null) {
      throw new NullPointerException("a client needs maskKeys");
    }
    this.frames = new FrameWriter(role == Role.CLIENT ? maskKeys : null);
    this.deflater = deflate != null
        ? new MessageDeflater(Deflater.DEFAULT_COMPRESSION, deflate.noContextTakeover(role)) : null;
    this.compressionThresholdBytes = compressionThresholdBytes;
  }

  /** Writes a text message. */
  public void writeText(Buffer out, String text) {
    writeMessage(out, true, ByteString.encodeUtf8(text));
  }

  /** Writes a binary message. */
  public void writeBinary(Buffer out, ByteString payload) {
    writeMessage(out, false, payload);
  }

  /**
   * Writes a data message of {@code payload}; {@code text} says that it is UTF-8 text (the caller
   * vouches for it). An uncompressed message is masked as it is copied, in one pass.
   */
  public void writeMessage(Buffer out, boolean text, ByteString payload) {
    checkOpen();
    if (deflater == null || payload.size() < compressionThresholdBytes) {
      frames.write(out, text ? FrameHeader.TEXT : FrameHeader.BINARY, payload);
      return;
    }
    writeMessage(out, text, new Buffer().write(payload));
  }

  /**
   * Writes a data message of all of {@code payload}, which it consumes; {@code text} says that
   * the payload is UTF-8 text (the caller vouches for it).
   */
  public void writeMessage(Buffer out, boolean text, Buffer payload) {
    checkOpen();
    int opcode = text ? FrameHeader.TEXT : FrameHeader.BINARY;
    if (deflater == null || payload.size() < compressionThresholdBytes) {
      frames.write(out, true, false, opcode, payload);
      return;
    }
    deflater.deflate(payload, compressed);
    frames.write(out, true, true, opcode, compressed);
  }

  /** Writes a ping carrying {@code payload} (at most 125 bytes). */
  public void writePing(Buffer out, ByteString payload) {
    writeControl(out, FrameHeader.PING, new Buffer().write(payload));
  }

  /** Writes a pong carrying {@code payload} (at most 125 bytes), as the answer to a ping. */
  public void writePong(Buffer out, ByteString payload) {
    writeControl(out, FrameHeader.PONG, new Buffer().write(payload));
  }

  /**
   * Writes a close frame with {@code code} and {@code reason} (at most 123 bytes of UTF-8), or an
   * empty one when {@code code} is {@link CloseCodes#NO_STATUS} (the reason must then be empty).
   */
  public void writeClose(Buffer out, int code, String reason) {
    Buffer payload = new Buffer();
    if (code == CloseCodes.NO_STATUS) {
      if (!reason.isEmpty()) {
        throw new IllegalArgumentException("a close without a code has no reason");
      }
    } else if (!CloseCodes.isValidOnWire(code)) {
      throw new IllegalArgumentException("close code " + code + " may not be sent");
    } else {
      payload.writeShort(code).writeString(reason, StandardCharsets.UTF_8);
    }
    writeControl(out, FrameHeader.CLOSE, payload);
  }

  private void writeControl(Buffer out, int opcode, Buffer payload) {
    checkOpen();
    if (payload.size() > FrameHeader.MAX_CONTROL_PAYLOAD) {
      throw new IllegalArgumentException("a control frame carries at most 125 bytes, not " + payload.size());
    }
    frames.write(out, true, false, opcode, payload);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the writer is closed");
    }
  }

  /** Frees the compressor's native memory and refuses further writes; idempotent. */
  @Override
  public void close() {
    closed = true;
    if (deflater != null) {
      deflater.close();
    }
  }
}

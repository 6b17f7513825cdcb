package io.gust.websocket;

import io.gust.websocket.WebSocketMessage.Type;
import okio.Buffer;

/**
 * Reads WebSocket messages incrementally from the bytes a connection received: {@link
 * #read(Buffer)} consumes what the buffer holds and returns the next whole message, or null when
 * it needs more bytes. Fragmented messages are reassembled, with control messages (pings, pongs,
 * a close) returned as soon as they arrive even between fragments; compressed messages are
 * inflated; text is checked as UTF-8 byte by byte as it arrives, so a bad byte fails before the
 * rest of the message comes; close frames are checked (RFC 6455 §7.4 codes, UTF-8 reason).
 *
 * <p>A peer that breaks the protocol gets a {@link WebSocketProtocolException} carrying the close
 * code to answer with; the reader is then spent and has released its decompressor. After a close
 * message the peer sends nothing more, so the reader releases its decompressor and refuses
 * further reads. Loop-confined: the thread that owns the connection owns the reader and must
 * {@link #close()} it on every path.
 */
public final class WebSocketReader implements AutoCloseable {
  private final FrameReader frames;
  private final WebSocketLimits limits;
  /** Null when permessage-deflate was not negotiated. */
  private final MessageInflater inflater;
  private final Utf8Validator utf8 = new Utf8Validator();

  /** The frame whose payload is being read, or null between frames. */
  private FrameHeader frame;

  /** The data message being assembled, or null between messages. */
  private Type messageType;
  private boolean messageCompressed;
  /** The message's payload so far, inflated. */
  private final Buffer message = new Buffer();
  /** Compressed payload bytes waiting for the inflater. */
  private final Buffer compressed = new Buffer();
  /** A control frame's payload while it arrives. */
  private final Buffer control = new Buffer();

  private boolean done;

  /**
   * Creates a reader for the endpoint of {@code role} (a client reads a server's frames);
   * {@code deflate} is the permessage-deflate agreement, or null when none was negotiated.
   */
  public WebSocketReader(Role role, WebSocketLimits limits, DeflateParameters deflate) {
    this.frames = new FrameReader(role, deflate != null, limits.maxFrameBytes());
    this.limits = limits;
    Role peer = role == Role.CLIENT ? Role.SERVER : Role.CLIENT;
    this.inflater = deflate != null ? new MessageInflater(deflate.noContextTakeover(peer)) : null;
  }

  /**
   * Consumes what {@code in} holds up to the end of the next message and returns that message,
   * or null when {@code in} ran out first (what it consumed is kept for the next call).
   */
  public WebSocketMessage read(Buffer in) throws WebSocketProtocolException {
    if (done) {
      throw new IllegalStateException("the reader failed or read a close message");
    }
    try {
      while (true) {
        if (frame == null) {
          frame = frames.readHeader(in);
          if (frame == null) {
            return null;
          }
          startFrame(frame);
        }
        WebSocketMessage result = frame.isControl() ? readControl(in) : readData(in);
        if (result != null || frame != null) {
          return result;
        }
      }
    } catch (WebSocketProtocolException e) {
      close();
      throw e;
    }
  }

  /** Checks a new frame against the message in progress and the size limit. */
  private void startFrame(FrameHeader header) throws WebSocketProtocolException {
    if (header.isControl()) {
      return;
    }
    boolean continuation = header.opcode() == FrameHeader.CONTINUATION;
    if (continuation != (messageType != null)) {
      throw FrameReader.protocolError(continuation
          ? "a continuation frame without a message to continue"
          : "a new data message before the previous one ended");
    }
    if (!continuation) {
      messageType = header.opcode() == FrameHeader.TEXT ? Type.TEXT : Type.BINARY;
      messageCompressed = header.rsv1();
    }
    if (!messageCompressed && message.size() + header.payloadLength() > limits.maxMessageBytes()) {
      throw tooBig();
    }
  }

  /** Reads a control frame once its payload is all there (at most 125 bytes). */
  private WebSocketMessage readControl(Buffer in) throws WebSocketProtocolException {
    frames.readPayload(in, control);
    if (frames.remaining() > 0) {
      return null;
    }
    Type type = switch (frame.opcode()) {
      case FrameHeader.PING -> Type.PING;
      case FrameHeader.PONG -> Type.PONG;
      default -> Type.CLOSE;
    };
    frame = null;
    if (type == Type.CLOSE) {
      checkClosePayload(control);
      done = true;
      if (inflater != null) {
        inflater.close();
      }
    }
    return new WebSocketMessage(type, control.readByteString());
  }

  /** Moves the data frame's available payload into the message; returns it once complete. */
  private WebSocketMessage readData(Buffer in) throws WebSocketProtocolException {
    long before = message.size();
    if (messageCompressed) {
      frames.readPayload(in, compressed);
      inflater.inflate(compressed, message, limits.maxMessageBytes());
    } else {
      frames.readPayload(in, message);
    }
    checkText(before);
    if (frames.remaining() > 0) {
      return null;
    }
    boolean fin = frame.fin();
    frame = null;
    if (!fin) {
      return null;
    }
    if (messageCompressed) {
      before = message.size();
      inflater.finishMessage(message, limits.maxMessageBytes());
      checkText(before);
    }
    if (messageType == Type.TEXT) {
      utf8.finish();
    }
    WebSocketMessage result = new WebSocketMessage(messageType, message.readByteString());
    messageType = null;
    return result;
  }

  private void checkText(long from) throws WebSocketProtocolException {
    if (messageType == Type.TEXT) {
      utf8.update(message, from, message.size() - from);
    }
  }

  /** Checks a close frame's payload: none, or a code allowed on the wire and a UTF-8 reason. */
  static void checkClosePayload(Buffer payload) throws WebSocketProtocolException {
    if (payload.size() == 1) {
      throw FrameReader.protocolError("a close frame with a 1-byte payload");
    }
    if (payload.size() >= 2) {
      int code = (payload.getByte(0) & 0xff) << 8 | (payload.getByte(1) & 0xff);
      if (!CloseCodes.isValidOnWire(code)) {
        throw FrameReader.protocolError("close code " + code + " is not allowed on the wire");
      }
      Buffer reason = new Buffer();
      payload.copyTo(reason, 2, payload.size() - 2);
      if (!Utf8Validator.isValid(reason)) {
        throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "close reason is not UTF-8");
      }
    }
  }

  private WebSocketProtocolException tooBig() {
    return new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG,
        "message over the limit of " + limits.maxMessageBytes() + " bytes");
  }

  /** Returns true while the decompressor holds native memory (tests check that it is freed). */
  boolean holdsNativeMemory() {
    return inflater != null && inflater.isAllocated();
  }

  /** Frees the decompressor's native memory and what is buffered; idempotent. */
  @Override
  public void close() {
    done = true;
    if (inflater != null) {
      inflater.close();
    }
    message.clear();
    compressed.clear();
    control.clear();
  }
}

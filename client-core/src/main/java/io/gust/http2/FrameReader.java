package io.gust.http2;

import static io.gust.http2.FrameType.FLAG_ACK;
import static io.gust.http2.FrameType.FLAG_END_HEADERS;
import static io.gust.http2.FrameType.FLAG_END_STREAM;
import static io.gust.http2.FrameType.FLAG_PADDED;
import static io.gust.http2.FrameType.FLAG_PRIORITY;

import java.io.EOFException;
import okio.Buffer;
import okio.ByteString;

/**
 * Reads HTTP/2 frames incrementally from an okio buffer (RFC 9113 §4 and §6): each call consumes
 * whole frames from what the buffer holds and returns the next one worth delivering, or null when
 * more bytes are needed; it never blocks and never waits for more than one frame of
 * SETTINGS_MAX_FRAME_SIZE octets (a longer frame is refused from its header alone).
 *
 * <p>Header blocks are assembled across CONTINUATION frames within a bound and decoded by HPACK
 * before the frame is judged. Padding, priority fields, PRIORITY frames and frames of unknown
 * types are checked and dropped. A violation throws an {@link Http2Exception}: after a stream
 * error the offending frame has been consumed and reading may go on; after a connection error
 * every later call throws the same exception.
 *
 * <p>Not thread-safe: one reader per connection, used by the thread that owns the connection.
 * The {@code set} methods apply the local settings once the peer has acknowledged them.
 */
public final class FrameReader {
  /** The client connection preface (RFC 9113 §3.4), sent before the client's SETTINGS. */
  public static final ByteString PREFACE = ByteString.encodeUtf8("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

  /** The default header list limit: as large as Gust's HTTP/1.1 head limit. */
  public static final long DEFAULT_MAX_HEADER_LIST_SIZE = 64 * 1024;

  private final HpackDecoder hpack = new HpackDecoder();
  private final HeaderBlock block = new HeaderBlock(blockLimit(DEFAULT_MAX_HEADER_LIST_SIZE));
  private int maxFrameSize = Http2Settings.MIN_MAX_FRAME_SIZE;

  /** The connection error that ended this reader, thrown again by every later call. */
  private Http2Exception failure;

  public FrameReader() {
    hpack.setMaxHeaderListSize(DEFAULT_MAX_HEADER_LIST_SIZE);
  }

  /**
   * Consumes the client connection preface: true once it has been read, false when the buffer
   * holds only a correct beginning of it.
   *
   * @throws Http2Exception a connection error (PROTOCOL_ERROR) when the bytes differ
   */
  public static boolean readPreface(Buffer source) throws Http2Exception {
    int available = (int) Math.min(source.size(), PREFACE.size());
    if (!source.rangeEquals(0, PREFACE, 0, available)) {
      throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR, "not the HTTP/2 preface");
    }
    if (available < PREFACE.size()) {
      return false;
    }
    try {
      source.skip(PREFACE.size());
    } catch (EOFException e) {
      throw new IllegalStateException("skipped past the buffered preface", e);
    }
    return true;
  }

  /** Applies the local SETTINGS_MAX_FRAME_SIZE. */
  public void setMaxFrameSize(int size) {
    if (Http2Settings.problem(Http2Settings.MAX_FRAME_SIZE, size) != null) {
      throw new IllegalArgumentException(Http2Settings.problem(Http2Settings.MAX_FRAME_SIZE, size));
    }
    maxFrameSize = size;
  }

  /** Applies the local SETTINGS_HEADER_TABLE_SIZE. */
  public void setHeaderTableSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("table size " + size);
    }
    hpack.setTableSizeLimit(size);
  }

  /**
   * Applies the local SETTINGS_MAX_HEADER_LIST_SIZE. Encoded blocks are bounded at twice this
   * size (16 KiB at least), past which the connection ends rather than buffering further.
   */
  public void setMaxHeaderListSize(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("header list size " + size);
    }
    hpack.setMaxHeaderListSize(size);
    block.setMaxBytes(blockLimit(size));
  }

  private static long blockLimit(long listSize) {
    return Math.max(16 * 1024, Math.min(listSize, Integer.MAX_VALUE / 4) * 2);
  }

  /**
   * Returns the next frame from {@code source}, or null when it holds no further whole frame.
   *
   * @throws Http2Exception for a frame that breaks RFC 9113 or RFC 7541
   */
  public Frame read(Buffer source) throws Http2Exception {
    if (failure != null) {
      throw failure;
    }
    try {
      return readFrames(source);
    } catch (Http2Exception e) {
      if (e.isConnectionError()) {
        failure = e;
      }
      throw e;
    } catch (EOFException e) {
      throw new IllegalStateException("read past a frame the buffer holds", e);
    }
  }

  private Frame readFrames(Buffer source) throws Http2Exception, EOFException {
    while (source.size() >= FrameType.HEADER_LENGTH) {
      int length = (source.getByte(0) & 0xff) << 16 | (source.getByte(1) & 0xff) << 8
          | source.getByte(2) & 0xff;
      int type = source.getByte(3) & 0xff;
      if (length > maxFrameSize) {
        throw connectionError(ErrorCode.FRAME_SIZE_ERROR,
            FrameType.name(type) + " of " + length + " octets passes " + maxFrameSize);
      }
      if (source.size() < FrameType.HEADER_LENGTH + length) {
        return null;
      }
      int flags = source.getByte(4) & 0xff;
      source.skip(5);
      int streamId = source.readInt() & 0x7fffffff;
      if (block.isOpen() && type != FrameType.CONTINUATION) {
        throw connectionError(ErrorCode.PROTOCOL_ERROR,
            FrameType.name(type) + " inside the header block of stream " + block.streamId());
      }
      long end = source.size() - length;
      try {
        Frame frame = readPayload(source, type, flags, streamId, length);
        if (frame != null) {
          return frame;
        }
      } finally {
        source.skip(source.size() - end);
      }
    }
    return null;
  }

  private Frame readPayload(Buffer source, int type, int flags, int streamId, int length)
      throws Http2Exception, EOFException {
    switch (type) {
      case FrameType.DATA:
        return readData(source, flags, requireStream(type, streamId), length);
      case FrameType.HEADERS:
        return readHeaders(source, flags, requireStream(type, streamId), length);
      case FrameType.PRIORITY:
        readPriority(source, requireStream(type, streamId), length);
        return null;
      case FrameType.RST_STREAM:
        requireLength(type, length, 4);
        return new Frame.RstStream(requireStream(type, streamId), ErrorCode.of(source.readInt()));
      case FrameType.SETTINGS:
        return readSettings(source, flags, requireConnection(type, streamId), length);
      case FrameType.PUSH_PROMISE:
        return readPushPromise(source, flags, requireStream(type, streamId), length);
      case FrameType.PING:
        requireConnection(type, streamId);
        requireLength(type, length, 8);
        return new Frame.Ping((flags & FLAG_ACK) != 0, source.readLong());
      case FrameType.GOAWAY:
        return readGoAway(source, requireConnection(type, streamId), length);
      case FrameType.WINDOW_UPDATE:
        return readWindowUpdate(source, streamId, length);
      case FrameType.CONTINUATION:
        return readContinuation(source, flags, streamId, length);
      default:
        return null;
    }
  }

  private Frame readData(Buffer source, int flags, int streamId, int length)
      throws Http2Exception, EOFException {
    int padLength = readPadLength(source, flags, length, 0);
    Buffer data = new Buffer();
    data.write(source, length - padding(flags) - padLength);
    return new Frame.Data(streamId, (flags & FLAG_END_STREAM) != 0, data, length);
  }

  private Frame readHeaders(Buffer source, int flags, int streamId, int length)
      throws Http2Exception, EOFException {
    int priorityLength = (flags & FLAG_PRIORITY) != 0 ? 5 : 0;
    int padLength = readPadLength(source, flags, length, priorityLength);
    boolean selfDependent = false;
    if (priorityLength > 0) {
      selfDependent = (source.readInt() & 0x7fffffff) == streamId;
      source.skip(1);
    }
    block.open(FrameType.HEADERS, streamId, (flags & FLAG_END_STREAM) != 0, 0, selfDependent);
    return appendFragment(source, flags,
        length - padding(flags) - priorityLength - padLength);
  }

  private Frame readPushPromise(Buffer source, int flags, int streamId, int length)
      throws Http2Exception, EOFException {
    int padLength = readPadLength(source, flags, length, 4);
    int promisedStreamId = source.readInt() & 0x7fffffff;
    block.open(FrameType.PUSH_PROMISE, streamId, false, promisedStreamId, false);
    return appendFragment(source, flags, length - padding(flags) - 4 - padLength);
  }

  private Frame readContinuation(Buffer source, int flags, int streamId, int length)
      throws Http2Exception, EOFException {
    if (!block.isOpen() || streamId != block.streamId()) {
      throw connectionError(ErrorCode.PROTOCOL_ERROR, "CONTINUATION on stream " + streamId
          + (block.isOpen() ? " inside the block of stream " + block.streamId()
              : " without a header block"));
    }
    return appendFragment(source, flags, length);
  }

  private Frame appendFragment(Buffer source, int flags, int fragmentLength)
      throws Http2Exception, EOFException {
    block.append(source, fragmentLength);
    return (flags & FLAG_END_HEADERS) != 0 ? block.finish(hpack) : null;
  }

  /**
   * Reads the Pad Length field of a PADDED frame (0 otherwise), checking that the padding and
   * {@code fieldsLength} octets of other fields fit in the payload.
   */
  private static int readPadLength(Buffer source, int flags, int length, int fieldsLength)
      throws Http2Exception, EOFException {
    if (length < padding(flags) + fieldsLength) {
      throw connectionError(ErrorCode.FRAME_SIZE_ERROR,
          "frame of " + length + " octets is too short for its fields");
    }
    if (padding(flags) == 0) {
      return 0;
    }
    int padLength = source.readByte() & 0xff;
    if (padLength > length - 1 - fieldsLength) {
      throw connectionError(ErrorCode.PROTOCOL_ERROR,
          "padding of " + padLength + " octets fills the " + length + "-octet frame");
    }
    return padLength;
  }

  /** Returns the size of the Pad Length field: 1 when PADDED, else 0. */
  private static int padding(int flags) {
    return (flags & FLAG_PADDED) != 0 ? 1 : 0;
  }

  private static void readPriority(Buffer source, int streamId, int length)
      throws Http2Exception, EOFException {
    if (length != 5) {
      throw Http2Exception.stream(streamId, ErrorCode.FRAME_SIZE_ERROR,
          "PRIORITY of " + length + " octets");
    }
    if ((source.readInt() & 0x7fffffff) == streamId) {
      throw Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "stream depends on itself");
    }
  }

  private static Frame readSettings(Buffer source, int flags, int streamId, int length)
      throws Http2Exception, EOFException {
    if ((flags & FLAG_ACK) != 0) {
      requireLength(FrameType.SETTINGS, length, 0);
      return new Frame.Settings(true, Http2Settings.DEFAULTS);
    }
    if (length % 6 != 0) {
      throw connectionError(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS of " + length + " octets");
    }
    Http2Settings settings = Http2Settings.DEFAULTS;
    for (int i = 0; i < length; i += 6) {
      int id = source.readShort() & 0xffff;
      long value = source.readInt() & 0xffff_ffffL;
      if (id < Http2Settings.HEADER_TABLE_SIZE || id > Http2Settings.MAX_HEADER_LIST_SIZE) {
        continue;
      }
      String problem = Http2Settings.problem(id, value);
      if (problem != null) {
        throw connectionError(id == Http2Settings.INITIAL_WINDOW_SIZE
            ? ErrorCode.FLOW_CONTROL_ERROR : ErrorCode.PROTOCOL_ERROR, problem);
      }
      settings = settings.with(id, value);
    }
    return new Frame.Settings(false, settings);
  }

  private static Frame readGoAway(Buffer source, int streamId, int length)
      throws Http2Exception, EOFException {
    if (length < 8) {
      throw connectionError(ErrorCode.FRAME_SIZE_ERROR, "GOAWAY of " + length + " octets");
    }
    int lastStreamId = source.readInt() & 0x7fffffff;
    ErrorCode errorCode = ErrorCode.of(source.readInt());
    return new Frame.GoAway(lastStreamId, errorCode, source.readByteString(length - 8));
  }

  private static Frame readWindowUpdate(Buffer source, int streamId, int length)
      throws Http2Exception, EOFException {
    requireLength(FrameType.WINDOW_UPDATE, length, 4);
    int increment = source.readInt() & 0x7fffffff;
    if (increment == 0) {
      String message = "WINDOW_UPDATE with an increment of 0";
      throw streamId == 0 ? connectionError(ErrorCode.PROTOCOL_ERROR, message)
          : Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, message);
    }
    return new Frame.WindowUpdate(streamId, increment);
  }

  private static int requireStream(int type, int streamId) throws Http2Exception {
    if (streamId == 0) {
      throw connectionError(ErrorCode.PROTOCOL_ERROR, FrameType.name(type) + " on stream 0");
    }
    return streamId;
  }

  private static int requireConnection(int type, int streamId) throws Http2Exception {
    if (streamId != 0) {
      throw connectionError(ErrorCode.PROTOCOL_ERROR,
          FrameType.name(type) + " on stream " + streamId);
    }
    return 0;
  }

  private static void requireLength(int type, int length, int expected) throws Http2Exception {
    if (length != expected) {
      throw connectionError(ErrorCode.FRAME_SIZE_ERROR,
          FrameType.name(type) + " of " + length + " octets, not " + expected);
    }
  }

  private static Http2Exception connectionError(ErrorCode code, String message) {
    return Http2Exception.connection(code, message);
  }
}

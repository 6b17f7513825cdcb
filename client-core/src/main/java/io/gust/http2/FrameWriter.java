package io.gust.http2;

import java.util.List;
import okio.Buffer;
import okio.ByteString;

/**
 * Writes HTTP/2 frames into an okio buffer (RFC 9113 §6), HPACK-encoding header lists with one
 * encoder whose table follows the peer's settings. A header block larger than the peer's
 * SETTINGS_MAX_FRAME_SIZE is split into HEADERS and CONTINUATION frames written back to back, as
 * §4.3 requires. Credentials are sent never-indexed (see RFC 7541 §7.1.3).
 *
 * <p>Not thread-safe: one writer per connection, used by the thread that owns the connection,
 * which must write header blocks to the wire in the order they were encoded. Arguments outside
 * the protocol's ranges are programmer errors and throw {@link IllegalArgumentException}.
 */
public final class FrameWriter {
  private final HpackEncoder hpack;
  private final Buffer scratch = new Buffer();
  private int peerMaxFrameSize = Http2Settings.MIN_MAX_FRAME_SIZE;

  public FrameWriter() {
    this(new HpackEncoder());
  }

  FrameWriter(HpackEncoder hpack) {
    this.hpack = hpack;
  }

  /**
   * Applies a SETTINGS frame from the peer: the frame size limit and the header table size it
   * carries, if any; parameters it leaves out keep their values.
   */
  public void applyPeerSettings(Http2Settings settings) {
    if (settings.isSet(Http2Settings.MAX_FRAME_SIZE)) {
      peerMaxFrameSize = settings.maxFrameSize();
    }
    if (settings.isSet(Http2Settings.HEADER_TABLE_SIZE)) {
      hpack.setPeerTableSize(settings.headerTableSize());
    }
  }

  /** Returns the largest payload the peer accepts in one frame. */
  public int peerMaxFrameSize() {
    return peerMaxFrameSize;
  }

  /** Writes the client connection preface; a client follows it with its SETTINGS. */
  public void preface(Buffer sink) {
    sink.write(FrameReader.PREFACE);
  }

  /** Writes a SETTINGS frame carrying every parameter present in {@code settings}. */
  public void settings(Buffer sink, Http2Settings settings) {
    writeHeader(sink, 6 * settings.count(), FrameType.SETTINGS, 0, 0);
    for (int id = Http2Settings.HEADER_TABLE_SIZE; id <= Http2Settings.MAX_HEADER_LIST_SIZE; id++) {
      if (settings.isSet(id)) {
        sink.writeShort(id);
        sink.writeInt((int) settings.value(id));
      }
    }
  }

  /** Writes the acknowledgement of the peer's SETTINGS, once they have been applied. */
  public void settingsAck(Buffer sink) {
    writeHeader(sink, 0, FrameType.SETTINGS, FrameType.FLAG_ACK, 0);
  }

  /**
   * Encodes {@code fields} and writes them as HEADERS (and CONTINUATIONs when the block is
   * larger than the peer's frame size); the caller has already checked the fields.
   */
  public void headers(Buffer sink, int streamId, boolean endStream, List<HeaderField> fields) {
    checkStream(streamId);
    hpack.encode(fields, scratch);
    int flags = endStream ? FrameType.FLAG_END_STREAM : 0;
    int type = FrameType.HEADERS;
    do {
      int length = (int) Math.min(scratch.size(), peerMaxFrameSize);
      boolean last = length == scratch.size();
      writeHeader(sink, length, type, flags | (last ? FrameType.FLAG_END_HEADERS : 0), streamId);
      sink.write(scratch, length);
      type = FrameType.CONTINUATION;
      flags = 0;
    } while (scratch.size() > 0);
  }

  /** Moves {@code byteCount} octets of {@code source} into one DATA frame. */
  public void data(Buffer sink, int streamId, boolean endStream, Buffer source, int byteCount) {
    checkStream(streamId);
    if (byteCount < 0 || byteCount > peerMaxFrameSize || byteCount > source.size()) {
      throw new IllegalArgumentException(
          "DATA of " + byteCount + " octets from " + source.size() + "; the peer accepts up to "
              + peerMaxFrameSize);
    }
    writeHeader(sink, byteCount, FrameType.DATA, endStream ? FrameType.FLAG_END_STREAM : 0,
        streamId);
    sink.write(source, byteCount);
  }

  /** Writes RST_STREAM, which ends {@code streamId} and leaves the connection open. */
  public void rstStream(Buffer sink, int streamId, ErrorCode errorCode) {
    checkStream(streamId);
    writeHeader(sink, 4, FrameType.RST_STREAM, 0, streamId);
    sink.writeInt(errorCode.code());
  }

  /** Writes PING, or the answer to the peer's PING (with its data) when {@code ack}. */
  public void ping(Buffer sink, boolean ack, long opaqueData) {
    writeHeader(sink, 8, FrameType.PING, ack ? FrameType.FLAG_ACK : 0, 0);
    sink.writeLong(opaqueData);
  }

  /** Writes GOAWAY; {@code debugData} must fit in one frame with the 8 octets of fields. */
  public void goAway(Buffer sink, int lastStreamId, ErrorCode errorCode, ByteString debugData) {
    if (lastStreamId < 0 || debugData.size() > peerMaxFrameSize - 8) {
      throw new IllegalArgumentException("GOAWAY with last stream " + lastStreamId + " and "
          + debugData.size() + " octets of debug data");
    }
    writeHeader(sink, 8 + debugData.size(), FrameType.GOAWAY, 0, 0);
    sink.writeInt(lastStreamId);
    sink.writeInt(errorCode.code());
    sink.write(debugData);
  }

  /** Writes WINDOW_UPDATE for a stream, or for the connection when {@code streamId} is 0. */
  public void windowUpdate(Buffer sink, int streamId, int increment) {
    if (streamId < 0 || increment <= 0) {
      throw new IllegalArgumentException(
          "WINDOW_UPDATE on stream " + streamId + " by " + increment);
    }
    writeHeader(sink, 4, FrameType.WINDOW_UPDATE, 0, streamId);
    sink.writeInt(increment);
  }

  /** Writes a 9-octet frame header (RFC 9113 §4.1). */
  static void writeHeader(Buffer sink, int length, int type, int flags, int streamId) {
    sink.writeByte(length >>> 16);
    sink.writeByte(length >>> 8);
    sink.writeByte(length);
    sink.writeByte(type);
    sink.writeByte(flags);
    sink.writeInt(streamId & 0x7fffffff);
  }

  private static void checkStream(int streamId) {
    if (streamId <= 0) {
      throw new IllegalArgumentException("stream " + streamId);
    }
  }
}

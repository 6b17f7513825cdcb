package io.gust.http2;

import java.util.List;
import okio.Buffer;

/**
 * A header block being assembled from a HEADERS or PUSH_PROMISE frame and the CONTINUATION
 * frames after it (RFC 9113 §4.3, §6.10). Its encoded size and the number of frames it spans are
 * bounded, so a CONTINUATION flood ends the connection (ENHANCE_YOUR_CALM) instead of growing a
 * buffer. Once complete it is decoded in full before any verdict on the stream.
 */
final class HeaderBlock {
  private final Buffer fragments = new Buffer();

  /** The stream the open block belongs to; 0 when no block is open. */
  private int streamId;
  private int type;
  private boolean endStream;
  private int promisedStreamId;
  private boolean selfDependent;
  private int frames;

  private long maxBytes;
  private int maxFrames;

  HeaderBlock(long maxBytes) {
    setMaxBytes(maxBytes);
  }

  void setMaxBytes(long bytes) {
    maxBytes = bytes;
    maxFrames = (int) Math.max(16, Math.min(bytes / 2048 + 1, 1024));
  }

  boolean isOpen() {
    return streamId != 0;
  }

  int streamId() {
    return streamId;
  }

  /** Opens a block for a HEADERS or PUSH_PROMISE frame. */
  void open(int type, int streamId, boolean endStream, int promisedStreamId,
      boolean selfDependent) {
    this.type = type;
    this.streamId = streamId;
    this.endStream = endStream;
    this.promisedStreamId = promisedStreamId;
    this.selfDependent = selfDependent;
    this.frames = 0;
    fragments.clear();
  }

  /** Moves {@code byteCount} octets of the next fragment from {@code source}. */
  void append(Buffer source, long byteCount) throws Http2Exception {
    if (++frames > maxFrames) {
      throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM,
          "header block spans more than " + maxFrames + " frames");
    }
    if (fragments.size() + byteCount > maxBytes) {
      throw Http2Exception.connection(ErrorCode.ENHANCE_YOUR_CALM,
          "header block passes " + maxBytes + " octets");
    }
    fragments.write(source, byteCount);
  }

  /** Decodes the complete block and closes it; stream errors come after the table is updated. */
  Frame finish(HpackDecoder hpack) throws Http2Exception {
    int id = streamId;
    streamId = 0;
    int length = (int) fragments.size();
    byte[] block = fragments.readByteArray();
    List<HeaderField> fields = hpack.decode(block, length, id);
    if (selfDependent) {
      throw Http2Exception.stream(id, ErrorCode.PROTOCOL_ERROR, "stream depends on itself");
    }
    if (type == FrameType.PUSH_PROMISE) {
      return new Frame.PushPromise(id, promisedStreamId, fields);
    }
    return new Frame.Headers(id, endStream, fields);
  }
}

package io.gust.http2;

import java.util.List;
import okio.Buffer;
import okio.ByteString;

/**
 * One HTTP/2 frame as {@link FrameReader} delivers it (RFC 9113 §6). Header blocks arrive whole:
 * CONTINUATION frames are folded into the HEADERS or PUSH_PROMISE they continue, and their fields
 * are already decoded. PRIORITY frames, priority fields, padding and frames of unknown types are
 * checked and dropped, so they never appear here.
 */
public sealed interface Frame {
  /** Returns the stream the frame belongs to; 0 for frames about the whole connection. */
  int streamId();

  /**
   * DATA: {@code data} is the payload without padding, owned by the receiver; {@code
   * flowControlledLength} is what the frame counts against flow-control windows (padding
   * included).
   */
  record Data(int streamId, boolean endStream, Buffer data, int flowControlledLength)
      implements Frame {}

  /** HEADERS with all its CONTINUATIONs: a message's head or its trailers. */
  record Headers(int streamId, boolean endStream, List<HeaderField> fields) implements Frame {}

  /** RST_STREAM: the peer ended {@code streamId}. */
  record RstStream(int streamId, ErrorCode errorCode) implements Frame {}

  /** SETTINGS, or its acknowledgement (with no parameters) when {@code ack}. */
  record Settings(boolean ack, Http2Settings settings) implements Frame {
    @Override
    public int streamId() {
      return 0;
    }
  }

  /** PUSH_PROMISE with all its CONTINUATIONs. */
  record PushPromise(int streamId, int promisedStreamId, List<HeaderField> fields)
      implements Frame {}

  /** PING, or its answer when {@code ack}; the 8 octets of opaque data as one long. */
  record Ping(boolean ack, long opaqueData) implements Frame {
    @Override
    public int streamId() {
      return 0;
    }
  }

  /** GOAWAY: streams above {@code lastStreamId} were not processed. */
  record GoAway(int lastStreamId, ErrorCode errorCode, ByteString debugData) implements Frame {
    @Override
    public int streamId() {
      return 0;
    }
  }

  /** WINDOW_UPDATE for a stream, or for the connection when {@code streamId} is 0. */
  record WindowUpdate(int streamId, int increment) implements Frame {}
}

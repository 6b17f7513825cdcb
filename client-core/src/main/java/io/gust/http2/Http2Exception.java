package io.gust.http2;

import java.io.IOException;
import java.util.Objects;

/**
 * A violation of HTTP/2 or HPACK found by the codec: either a connection error (the connection
 * must send GOAWAY with {@link #errorCode()} and close) or a stream error (the stream {@link
 * #streamId()} must be reset with RST_STREAM; the connection and the codec stay usable).
 *
 * <p>The client and server turn these into their own typed failures at the boundary where the
 * request is known; the message never carries header values.
 */
public class Http2Exception extends IOException {
  private final ErrorCode errorCode;
  private final int streamId;

  Http2Exception(ErrorCode errorCode, int streamId, String message) {
    super(message);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.streamId = streamId;
  }

  /** Returns a connection error: the whole connection is unusable. */
  public static Http2Exception connection(ErrorCode errorCode, String message) {
    return new Http2Exception(errorCode, 0, message);
  }

  /** Returns a stream error: only stream {@code streamId} (above 0) is affected. */
  public static Http2Exception stream(int streamId, ErrorCode errorCode, String message) {
    if (streamId <= 0) {
      throw new IllegalArgumentException("stream errors need a stream, not " + streamId);
    }
    return new Http2Exception(errorCode, streamId, message);
  }

  /** Returns the RFC 9113 code to send in GOAWAY or RST_STREAM. */
  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Returns the stream this error ends, or 0 for a connection error. */
  public int streamId() {
    return streamId;
  }

  /** Returns true when the whole connection must end with GOAWAY. */
  public boolean isConnectionError() {
    return streamId == 0;
  }
}

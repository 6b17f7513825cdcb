package io.gust.client;

import io.gust.http2.ErrorCode;
import io.gust.http2.Http2Exception;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

/**
 * The streams of one {@link Http2ClientConnection}: the ids the client gives out (odd, rising,
 * RFC 9113 §5.1.1), the streams open under them, and which ids a frame from the server may
 * name. Loop-confined; one per connection.
 */
final class Http2ClientStreams {
  private final HashMap<Integer, Http2Stream> open = new HashMap<>();
  private int nextId = 1;

  /** Opens {@code stream} under the next id, which it returns. */
  int add(Http2Stream stream) {
    int id = nextId;
    nextId += 2;
    open.put(id, stream);
    return id;
  }

  /** Whether the ids are used up, so the connection takes no further stream. */
  boolean isExhausted() {
    return nextId < 0;
  }

  /** The stream a frame is for; null for one already closed; an error for one never opened. */
  Http2Stream forFrame(int streamId) throws Http2Exception {
    Http2Stream stream = open.get(streamId);
    if (stream == null && (streamId % 2 == 0 || streamId >= nextId)) {
      throw Http2Exception.connection(ErrorCode.PROTOCOL_ERROR,
          "frame on stream " + streamId + ", which the client never opened");
    }
    return stream;
  }

  boolean contains(int streamId) {
    return open.containsKey(streamId);
  }

  /** Takes the stream of {@code streamId} out; null when it is not open. */
  Http2Stream remove(int streamId) {
    return open.remove(streamId);
  }

  int size() {
    return open.size();
  }

  boolean isEmpty() {
    return open.isEmpty();
  }

  /** The open streams, as a live view. */
  Collection<Http2Stream> view() {
    return open.values();
  }

  /** A copy of the open streams, to walk while they leave. */
  List<Http2Stream> snapshot() {
    return new ArrayList<>(open.values());
  }

  /** Takes every stream out and returns them. */
  List<Http2Stream> removeAll() {
    List<Http2Stream> all = snapshot();
    open.clear();
    return all;
  }
}

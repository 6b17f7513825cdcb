package io.gust.http2;

import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.ByteString;

/** Raw frames for reader tests, and a way to feed them whole or one octet at a time. */
final class Frames {
  private Frames() {}

  /** Returns a frame with the given header fields and payload, whatever the RFC says of them. */
  static ByteString frame(int type, int flags, int streamId, ByteString payload) {
    Buffer out = new Buffer();
    FrameWriter.writeHeader(out, payload.size(), type, flags, streamId);
    out.write(payload);
    return out.readByteString();
  }

  static ByteString frame(int type, int flags, int streamId, String hexPayload) {
    return frame(type, flags, streamId, ByteString.decodeHex(hexPayload.replace(" ", "")));
  }

  static ByteString concat(ByteString... parts) {
    Buffer out = new Buffer();
    for (ByteString part : parts) {
      out.write(part);
    }
    return out.readByteString();
  }

  /**
   * Feeds {@code input} to {@code reader} all at once or one octet at a time, and returns every
   * frame it delivered; the reader must have consumed everything.
   */
  static List<Frame> readAll(FrameReader reader, ByteString input, boolean oneOctetAtATime)
      throws Http2Exception {
    Buffer in = new Buffer();
    List<Frame> frames = new ArrayList<>();
    int step = oneOctetAtATime ? 1 : Math.max(1, input.size());
    for (int i = 0; i < input.size(); i += step) {
      in.write(input.substring(i, Math.min(input.size(), i + step)));
      for (Frame frame = reader.read(in); frame != null; frame = reader.read(in)) {
        frames.add(frame);
      }
    }
    if (in.size() != 0) {
      throw new AssertionError(in.size() + " octets left unread");
    }
    return frames;
  }
}

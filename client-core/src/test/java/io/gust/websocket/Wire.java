package io.gust.websocket;

import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.ByteString;

/**
 * Builds frames byte by byte for tests, independently of {@link FrameWriter}, and feeds input to
 * a reader all at once or one byte at a time.
 */
final class Wire {
  private Wire() {}

  static ByteString hex(String hex) {
    return ByteString.decodeHex(hex.replace(" ", ""));
  }

  /** Returns a frame: first byte {@code b0}, the payload masked with {@code key} when not null. */
  static ByteString frame(int b0, Integer key, ByteString payload) {
    Buffer out = new Buffer().writeByte(b0);
    int maskBit = key != null ? 0x80 : 0;
    int length = payload.size();
    if (length < 126) {
      out.writeByte(maskBit | length);
    } else if (length < 65536) {
      out.writeByte(maskBit | 126).writeShort(length);
    } else {
      out.writeByte(maskBit | 127).writeLong(length);
    }
    if (key == null) {
      return out.write(payload).readByteString();
    }
    out.writeInt(key);
    for (int i = 0; i < length; i++) {
      out.writeByte(payload.getByte(i) ^ (key >>> (24 - 8 * (i % 4))));
    }
    return out.readByteString();
  }

  /** Returns a frame as a server sends it (unmasked). */
  static ByteString server(int b0, ByteString payload) {
    return frame(b0, null, payload);
  }

  /** Returns a frame as a client sends it (masked with a fixed key). */
  static ByteString client(int b0, ByteString payload) {
    return frame(b0, 0x1234abcd, payload);
  }

  static ByteString concat(ByteString... parts) {
    Buffer out = new Buffer();
    for (ByteString part : parts) {
      out.write(part);
    }
    return out.readByteString();
  }

  /** How input reaches the reader. */
  enum Feed {
    ALL_AT_ONCE,
    BYTE_BY_BYTE;

    /**
     * Feeds {@code input} to {@code reader} and returns every message read, up to and
     * including a close; asserts that nothing is left over unless the input ended mid-message.
     */
    List<WebSocketMessage> read(WebSocketReader reader, ByteString input) throws WebSocketProtocolException {
      List<WebSocketMessage> messages = new ArrayList<>();
      Buffer in = new Buffer();
      int step = this == ALL_AT_ONCE ? Math.max(1, input.size()) : 1;
      for (int i = 0; i < input.size(); i += step) {
        in.write(input.substring(i, Math.min(input.size(), i + step)));
        if (drain(reader, in, messages)) {
          return messages;
        }
      }
      return messages;
    }

    /** {@link #read} with a fresh client reader, for inputs that must not fail. */
    List<WebSocketMessage> readUnchecked(ByteString input) {
      try {
        return read(new WebSocketReader(Role.CLIENT, WebSocketLimits.DEFAULT, null), input);
      } catch (WebSocketProtocolException e) {
        throw new AssertionError(e);
      }
    }

    private static boolean drain(WebSocketReader reader, Buffer in, List<WebSocketMessage> messages)
        throws WebSocketProtocolException {
      for (WebSocketMessage message; (message = reader.read(in)) != null; ) {
        messages.add(message);
        if (message.type() == WebSocketMessage.Type.CLOSE) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Feeds {@code input} one byte at a time until the reader fails; returns how many bytes it had
   * been given then, or -1 when it never failed.
   */
  static int bytesUntilFailure(WebSocketReader reader, ByteString input) {
    Buffer in = new Buffer();
    for (int i = 0; i < input.size(); i++) {
      in.writeByte(input.getByte(i));
      try {
        while (reader.read(in) != null) {
          // Keep reading messages.
        }
      } catch (WebSocketProtocolException e) {
        return i + 1;
      }
    }
    return -1;
  }
}

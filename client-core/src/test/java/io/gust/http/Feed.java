package io.gust.http;

import java.io.IOException;
import okio.Buffer;
import okio.ByteString;

/**
 * The ways codec tests deliver input: all at once, or one byte at a time (which also exercises
 * every split point). Parameterize a test with {@code @EnumSource(Feed.class)} and assert the same
 * outcome for both.
 */
enum Feed {
  ALL_AT_ONCE,
  BYTE_BY_BYTE;

  /** One call of the code under test: a result once done, null to ask for more input. */
  @FunctionalInterface
  interface Step<T> {
    T apply(Buffer in) throws IOException;
  }

  /**
   * Writes {@code input} into {@code in} as this feed does, calling {@code step} after each
   * delivery until it returns non-null; returns that result (null if it never completed). Input
   * not yet delivered is appended to {@code in} before returning, so {@code in} then holds
   * exactly what the code under test left unconsumed.
   */
  <T> T run(Buffer in, ByteString input, Step<T> step) throws IOException {
    if (this == ALL_AT_ONCE) {
      in.write(input);
      return step.apply(in);
    }
    for (int i = 0; i < input.size(); i++) {
      in.writeByte(input.getByte(i));
      T result = step.apply(in);
      if (result != null) {
        in.write(input.substring(i + 1));
        return result;
      }
    }
    return null;
  }

  /** {@link #run} with text input encoded as ISO-8859-1, one byte per char. */
  <T> T run(Buffer in, String input, Step<T> step) throws IOException {
    return run(in, ByteString.encodeString(input, java.nio.charset.StandardCharsets.ISO_8859_1), step);
  }

  /**
   * Feeds {@code input} to {@code decoder}, then reports end of input if {@code endOfInput};
   * returns the decoded body. Leaves what the decoder did not consume in {@code in}.
   */
  Buffer decode(BodyDecoder decoder, Buffer in, ByteString input, boolean endOfInput)
      throws IOException {
    Buffer out = new Buffer();
    Boolean done = run(in, input, buffer -> decoder.decode(buffer, out) ? Boolean.TRUE : null);
    if (endOfInput && done == null) {
      decoder.endOfInput();
    }
    return out;
  }

  /** Feeds {@code input} to a content decoder and finishes it; returns the decoded bytes. */
  ByteString decodeContent(ContentDecoder decoder, ByteString input) throws IOException {
    Buffer in = new Buffer();
    Buffer out = new Buffer();
    try (decoder) {
      run(in, input, buffer -> {
        decoder.decode(buffer, out);
        return null;
      });
      decoder.finish();
    }
    return out.readByteString();
  }
}

package io.gust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.MessageTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import okio.Buffer;
import okio.ByteString;

/** Makes compressed test inputs with java.util.zip, the independent implementation. */
final class Compression {
  private Compression() {}

  /** Returns text that compresses well but not trivially. */
  static ByteString sampleText(int lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("line ").append(i).append(": the quick brown fox ").append(i * 7919 % 1000).append('\n');
    }
    return ByteString.encodeUtf8(text.toString());
  }

  static ByteString gzip(ByteString content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      content.write(out);
    }
    return ByteString.of(bytes.toByteArray());
  }

  static ByteString zlib(ByteString content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
      content.write(out);
    }
    return ByteString.of(bytes.toByteArray());
  }

  static ByteString rawDeflate(ByteString content) throws IOException {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater)) {
      content.write(out);
    } finally {
      deflater.end();
    }
    return ByteString.of(bytes.toByteArray());
  }

  /**
   * Returns a raw deflate stream of {@code mebibytes} MiB of zeros, made quickly: one MiB
   * deflated with a full flush (which resets the window, so the block stands alone) repeated,
   * then an empty final block. The zeros never exist in memory at once.
   */
  static ByteString deflatedZeros(int mebibytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      byte[] chunk = new byte[1 << 16];
      deflater.setInput(new byte[1 << 20]);
      ByteString block = ByteString.of(chunk, 0, deflater.deflate(chunk, 0, chunk.length, Deflater.FULL_FLUSH));
      Buffer out = new Buffer();
      for (int i = 0; i < mebibytes; i++) {
        out.write(block);
      }
      deflater.setInput(new byte[0]);
      deflater.finish();
      out.write(chunk, 0, deflater.deflate(chunk));
      return out.readByteString();
    } finally {
      deflater.end();
    }
  }

  /**
   * Asserts that {@code decoder} fails on {@code bomb} with the decoded-size limit {@code limit},
   * having inflated at most one byte past it.
   */
  static void assertStopsAtLimit(ContentDecoder decoder, ByteString bomb, long limit) {
    Buffer out = new Buffer();
    try (decoder) {
      MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
          () -> decoder.decode(new Buffer().write(bomb), out));
      assertEquals(MessageTooLargeException.Limit.DECODED_BODY_BYTES, e.limit());
      assertEquals(limit, e.limitValue());
    }
    assertTrue(out.size() <= limit + 1, "inflated " + out.size() + " bytes");
  }

  /** Wraps raw deflate data of {@code content} in a gzip member with the given header extras. */
  static ByteString gzipMember(ByteString header, ByteString content) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(content.toByteArray());
    return new Buffer().write(header).write(rawDeflate(content))
        .writeIntLe((int) crc.getValue()).writeIntLe(content.size()).readByteString();
  }
}

package io.gust.http;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.gust.client.HttpProtocolException;
import io.gust.client.TruncatedBodyException;
import java.nio.ByteBuffer;
import okio.Buffer;

/**
 * Decodes {@code Content-Encoding: zstd} (RFC 8878) incrementally through zstd-jni, an optional
 * dependency: this class is loaded only when a client asked for zstd and {@link OptionalCodings}
 * found the library. Output goes through a fixed direct buffer, so the cap is checked every
 * {@value #OUTPUT_BUFFER_BYTES} bytes, and a frame whose window passes 8 MiB (RFC 9659) is
 * refused before the decoder allocates it. Several frames in a row decode as one body; a body
 * must end on a frame boundary.
 */
final class ZstdDecoder implements ContentDecoder {
  private static final int INPUT_BUFFER_BYTES = 16 * 1024;
  private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

  private final ZstdDecompressCtx context = new ZstdDecompressCtx();
  private final DecodedOutput output;
  /** Compressed bytes taken from the body and not yet decoded; in read mode between calls. */
  private final ByteBuffer input = ByteBuffer.allocateDirect(INPUT_BUFFER_BYTES).flip();
  private final ByteBuffer decoded = ByteBuffer.allocateDirect(OUTPUT_BUFFER_BYTES);
  private boolean sawInput;
  /** Whether the last call ended a frame with all its output flushed. */
  private boolean atFrameEnd = true;
  private boolean closed;

  ZstdDecoder(long maxDecodedBytes) {
    this.output = new DecodedOutput("zstd", maxDecodedBytes);
  }

  @Override
  public void decode(Buffer in, Buffer out) throws HttpProtocolException {
    sawInput |= in.size() > 0;
    boolean progress = true;
    while (progress) {
      input.compact();
      DecodedOutput.fill(in, input);
      input.flip();
      int inputBefore = input.remaining();
      if (inputBefore == 0 && atFrameEnd) {
        return;
      }
      if (atFrameEnd && !checkWindow()) {
        return;
      }
      decoded.clear();
      try {
        atFrameEnd = context.decompressDirectByteBufferStream(decoded, input);
      } catch (ZstdException e) {
        throw output.corrupt(e.getMessage(), e);
      }
      decoded.flip();
      progress = decoded.hasRemaining() || input.remaining() < inputBefore;
      output.emit(decoded, out);
    }
  }

  /**
   * Refuses a frame, about to start, whose window passes RFC 9659's 8 MiB; false when its header
   * has not arrived whole yet.
   */
  private boolean checkWindow() throws HttpProtocolException {
    long window = ZstdWindow.bytes(input);
    if (window == ZstdWindow.NEED_MORE) {
      return false;
    }
    if (window > ZstdWindow.MAX_WINDOW_BYTES) {
      throw output.corrupt("its window of " + window + " bytes passes the 8 MiB that HTTP allows",
          null);
    }
    return true;
  }

  @Override
  public void finish() throws HttpProtocolException {
    if (sawInput && (!atFrameEnd || input.hasRemaining())) {
      throw new TruncatedBodyException("zstd stream truncated");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      context.close();
    }
  }
}

package io.gust.http;

import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import io.gust.client.HttpProtocolException;
import io.gust.client.TruncatedBodyException;
import java.io.IOException;
import java.nio.ByteBuffer;
import okio.Buffer;

/**
 * Decodes {@code Content-Encoding: br} (RFC 7932) incrementally through brotli4j's native
 * decoder, an optional dependency: this class is loaded only when a client asked for br and
 * {@link OptionalCodings} found the library. Output is taken from the decoder as it is produced,
 * so at most one window of it (up to 16 MiB) is held natively beyond the cap. Bytes after the end
 * of the stream are refused.
 */
final class BrotliDecoder implements ContentDecoder {
  private static final int INPUT_BUFFER_BYTES = 16 * 1024;

  private final DecoderJNI.Wrapper decoder;
  private final DecodedOutput output;
  private boolean sawInput;
  private boolean done;
  private boolean closed;

  BrotliDecoder(long maxDecodedBytes) {
    OptionalCodings.requireAvailable("br"); // loads the native library before first use
    this.output = new DecodedOutput("br", maxDecodedBytes);
    try {
      this.decoder = new DecoderJNI.Wrapper(INPUT_BUFFER_BYTES);
    } catch (IOException e) {
      throw new IllegalStateException("brotli4j could not create a decoder", e);
    }
  }

  @Override
  public void decode(Buffer in, Buffer out) throws HttpProtocolException {
    sawInput |= in.size() > 0;
    while (!done) {
      DecoderJNI.Status status = decoder.getStatus();
      if (status == DecoderJNI.Status.NEEDS_MORE_OUTPUT
          || (status == DecoderJNI.Status.NEEDS_MORE_INPUT && decoder.hasOutput())) {
        output.emit(decoder.pull(), out);
      } else if (status == DecoderJNI.Status.NEEDS_MORE_INPUT) {
        if (in.size() == 0) {
          return;
        }
        ByteBuffer input = decoder.getInputBuffer();
        input.clear();
        decoder.push(DecodedOutput.fill(in, input));
      } else if (status == DecoderJNI.Status.OK) {
        decoder.push(0);
      } else if (status == DecoderJNI.Status.DONE) {
        while (decoder.hasOutput()) {
          output.emit(decoder.pull(), out);
        }
        done = true;
      } else {
        throw output.corrupt(null, null);
      }
    }
    if (in.size() > 0) {
      throw output.trailingData();
    }
  }

  @Override
  public void finish() throws HttpProtocolException {
    if (sawInput && !done) {
      throw new TruncatedBodyException("br stream truncated");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      decoder.destroy();
    }
  }
}

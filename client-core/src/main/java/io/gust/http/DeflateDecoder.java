package io.gust.http;

import io.gust.client.HttpProtocolException;
import io.gust.client.Phase;
import io.gust.client.TruncatedBodyException;
import okio.Buffer;

/**
 * Decodes {@code Content-Encoding: deflate}, which servers send either zlib-wrapped (RFC 1950, as
 * the RFC says) or raw (RFC 1951, as some servers do). The first two bytes decide: a valid zlib
 * header (method 8, window at most 32 KiB, check bits a multiple of 31) means zlib. Bytes after
 * the end of the stream are refused.
 */
final class DeflateDecoder implements ContentDecoder {
  private final long maxDecodedBytes;

  /** Created once the first two bytes tell the wrapping; null before. */
  private Inflation inflation;

  private boolean finished;

  private boolean sawInput;

  DeflateDecoder(long maxDecodedBytes) {
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public void decode(Buffer in, Buffer out) throws HttpProtocolException {
    sawInput |= in.size() > 0;
    if (inflation == null) {
      if (in.size() < 2) {
        return;
      }
      inflation = new Inflation(!isZlibHeader(in.getByte(0), in.getByte(1)), "deflate", maxDecodedBytes);
    }
    if (!finished) {
      finished = inflation.inflate(in, out, null);
    }
    if (finished && in.size() > 0) {
      throw new HttpProtocolException(HttpProtocolException.Kind.BAD_CONTENT_ENCODING,
          "data after the end of the deflate stream", Phase.BODY);
    }
  }

  static boolean isZlibHeader(byte cmf, byte flg) {
    int method = cmf & 0x0f;
    int windowBits = (cmf & 0xff) >> 4;
    return method == 8 && windowBits <= 7 && ((cmf & 0xff) << 8 | (flg & 0xff)) % 31 == 0;
  }

  @Override
  public void finish() throws HttpProtocolException {
    if (sawInput && !finished) {
      throw new TruncatedBodyException("deflate stream truncated");
    }
  }

  @Override
  public void close() {
    if (inflation != null) {
      inflation.close();
    }
  }
}

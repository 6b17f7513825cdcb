package io.gust.http;

import io.gust.client.TruncatedBodyException;
import okio.Buffer;

/** Decodes a body framed by Content-Length (or an absent body: length zero). */
final class FixedLengthDecoder implements BodyDecoder {
  private final long contentLength;

  /** Body bytes not yet moved. */
  private long remainingBytes;

  FixedLengthDecoder(long contentLength) {
    this.contentLength = contentLength;
    this.remainingBytes = contentLength;
  }

  @Override
  public boolean decode(Buffer in, Buffer out) {
    long byteCount = Math.min(remainingBytes, in.size());
    out.write(in, byteCount);
    remainingBytes -= byteCount;
    return remainingBytes == 0;
  }

  @Override
  public void endOfInput() throws TruncatedBodyException {
    if (remainingBytes > 0) {
      throw new TruncatedBodyException("connection closed after " + (contentLength - remainingBytes)
          + " of " + contentLength + " body bytes");
    }
  }
}

package io.gust.http;

import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import okio.Buffer;

/** Decodes a body that ends when the connection closes (RFC 9112 §6.3, rule 8). */
final class UntilCloseDecoder implements BodyDecoder {
  private final long maxBodyBytes;

  /** Body bytes moved so far. */
  private long bodyBytes;

  UntilCloseDecoder(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean decode(Buffer in, Buffer out) throws MessageTooLargeException {
    long byteCount = in.size();
    if (byteCount > maxBodyBytes - bodyBytes) {
      throw new MessageTooLargeException(MessageTooLargeException.Limit.BODY_BYTES, maxBodyBytes, Phase.BODY);
    }
    out.write(in, byteCount);
    bodyBytes += byteCount;
    return false;
  }

  @Override
  public void endOfInput() {
    // The close is the end of this body: it is complete.
  }
}

package io.gust.client;

import io.gust.http.BodyFraming;
import okio.Buffer;
import okio.ByteString;

/**
 * A collected response body of announced length, copied into one array of that length as its
 * bytes arrive. The segments the socket reads went into go back to okio's pool at once, for the
 * next reads to reuse, and a body in flight is one array rather than a segment per 8 KiB: G1
 * allocates an array of half a region or more outside the young generation, so a young collection
 * no longer copies the bodies in flight. Loop-confined.
 */
final class WholeBody {
  /** Smaller bodies keep the read segments: one more copy would cost more than it saves. */
  static final long MIN_BYTES = 256 * 1024;
  /**
   * Larger ones too: the array is allocated on the head's word alone, before a byte of the body
   * came, so its size is bounded apart from the body limit.
   */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final byte[] bytes;
  private int filled;

  private WholeBody(int length) {
    this.bytes = new byte[length];
  }

  /**
   * The collector for a body framed as {@code framing}, or null when the body is not of fixed
   * length between {@link #MIN_BYTES} and {@link #MAX_BYTES} within {@code maxBodyBytes}.
   */
  static WholeBody forFraming(BodyFraming framing, long maxBodyBytes) {
    long length = framing.contentLength();
    if (framing.kind() != BodyFraming.Kind.FIXED_LENGTH || length < MIN_BYTES
        || length > MAX_BYTES || length > maxBodyBytes) {
      return null;
    }
    return new WholeBody((int) length);
  }

  /** Moves every byte of {@code from} into the array; the framing never brings more than fit. */
  void take(Buffer from) {
    while (from.size() > 0) {
      int read = from.read(bytes, filled, bytes.length - filled);
      if (read <= 0) {
        throw new IllegalStateException("more body bytes than the announced " + bytes.length);
      }
      filled += read;
    }
  }

  /** The body, sharing the array: nothing else holds it. */
  ByteString body() {
    if (filled != bytes.length) {
      throw new IllegalStateException(filled + " of " + bytes.length + " body bytes");
    }
    // okio's array-taking constructor keeps the array rather than copying it (ByteString.of
    // would copy the whole body once more).
    return new ByteString(bytes);
  }
}

package io.gust.http;

import io.gust.client.MessageTooLargeException;

/**
 * The size limits the codec enforces while parsing, each raised as a {@link
 * MessageTooLargeException} as soon as it is passed. Immutable.
 *
 * @param maxHeadBytes bytes of a start line plus its header fields (and, separately, of a
 *     trailer section)
 * @param maxHeaderCount header fields in a head (and trailer fields in a trailer section)
 * @param maxBodyBytes body bytes as framed on the wire, after de-chunking
 */
public record CodecLimits(int maxHeadBytes, int maxHeaderCount, long maxBodyBytes) {
  /** The client's defaults: 64 KiB heads, 200 fields, no body limit (the client caps what it buffers). */
  public static final CodecLimits CLIENT = new CodecLimits(64 * 1024, 200, Long.MAX_VALUE);

  /** The server's defaults: 16 KiB heads, 200 fields, 10 MiB bodies. */
  public static final CodecLimits SERVER = new CodecLimits(16 * 1024, 200, 10L * 1024 * 1024);

  /** Checks that every limit is positive. */
  public CodecLimits {
    if (maxHeadBytes <= 0 || maxHeaderCount <= 0 || maxBodyBytes < 0) {
      throw new IllegalArgumentException("limits must be positive: " + maxHeadBytes + ", "
          + maxHeaderCount + ", " + maxBodyBytes);
    }
  }

  /** Returns these limits with another head size limit. */
  public CodecLimits withMaxHeadBytes(int bytes) {
    return new CodecLimits(bytes, maxHeaderCount, maxBodyBytes);
  }

  /** Returns these limits with another field count limit. */
  public CodecLimits withMaxHeaderCount(int count) {
    return new CodecLimits(maxHeadBytes, count, maxBodyBytes);
  }

  /** Returns these limits with another body size limit. */
  public CodecLimits withMaxBodyBytes(long bytes) {
    return new CodecLimits(maxHeadBytes, maxHeaderCount, bytes);
  }
}

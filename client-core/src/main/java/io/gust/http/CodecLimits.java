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
 * @param maxFieldLineBytes bytes of one line of a head (start line or field line, its line
 *     ending included); a head limit smaller than this bounds lines too
 */
public record CodecLimits(int maxHeadBytes, int maxHeaderCount, long maxBodyBytes,
    int maxFieldLineBytes) {
  /**
   * The client's defaults, as generous as curl's: 300 KiB heads, 100 KiB per line, and no count
   * of fields of its own (a field line takes at least three bytes, so the head limit bounds the
   * count); no body limit (the client caps what it buffers).
   */
  public static final CodecLimits CLIENT =
      new CodecLimits(300 * 1024, Integer.MAX_VALUE, Long.MAX_VALUE, 100 * 1024);

  /** The server's defaults: 16 KiB heads (and lines), 200 fields, 10 MiB bodies. */
  public static final CodecLimits SERVER = new CodecLimits(16 * 1024, 200, 10L * 1024 * 1024);

  /** Checks that every limit is positive. */
  public CodecLimits {
    if (maxHeadBytes <= 0 || maxHeaderCount <= 0 || maxBodyBytes < 0 || maxFieldLineBytes <= 0) {
      throw new IllegalArgumentException("limits must be positive: " + maxHeadBytes + ", "
          + maxHeaderCount + ", " + maxBodyBytes + ", " + maxFieldLineBytes);
    }
  }

  /** Limits whose lines are bounded by the head limit alone. */
  public CodecLimits(int maxHeadBytes, int maxHeaderCount, long maxBodyBytes) {
    this(maxHeadBytes, maxHeaderCount, maxBodyBytes, maxHeadBytes);
  }

  /** Returns these limits with another head size limit. */
  public CodecLimits withMaxHeadBytes(int bytes) {
    return new CodecLimits(bytes, maxHeaderCount, maxBodyBytes, maxFieldLineBytes);
  }

  /** Returns these limits with another field count limit. */
  public CodecLimits withMaxHeaderCount(int count) {
    return new CodecLimits(maxHeadBytes, count, maxBodyBytes, maxFieldLineBytes);
  }

  /** Returns these limits with another body size limit. */
  public CodecLimits withMaxBodyBytes(long bytes) {
    return new CodecLimits(maxHeadBytes, maxHeaderCount, bytes, maxFieldLineBytes);
  }

  /** Returns these limits with another line size limit. */
  public CodecLimits withMaxFieldLineBytes(int bytes) {
    return new CodecLimits(maxHeadBytes, maxHeaderCount, maxBodyBytes, bytes);
  }
}

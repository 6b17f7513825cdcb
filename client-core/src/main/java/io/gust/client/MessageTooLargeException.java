package io.gust.client;

import io.gust.http.CodecLimits;

/**
 * A message went over one of the codec's size limits; {@link #limit()} says which and {@link
 * #limitValue()} its configured value. Raised as soon as the limit is passed, before the excess
 * is buffered.
 */
public final class MessageTooLargeException extends HttpProtocolException {
  /** The limits of {@link CodecLimits} and of content decoding. */
  public enum Limit {
    /** Bytes of a start line plus its header fields, or of a trailer section. */
    HEAD_BYTES(431),
    /** Number of header fields, or of trailer fields. */
    HEADER_COUNT(431),
    /** Bytes of one line of a head: the start line or a field line. */
    FIELD_LINE_BYTES(431),
    /** Bytes of one chunk-size line, extensions included. */
    CHUNK_LINE_BYTES(400),
    /** Bytes of a body as framed on the wire. */
    BODY_BYTES(413),
    /** Bytes of a body after content decoding (the decompression-bomb defence). */
    DECODED_BODY_BYTES(413);

    private final int status;

    Limit(int status) {
      this.status = status;
    }
  }

  private final Limit limit;

  private final long limitValue;

  /** Creates a codec error. */
  public MessageTooLargeException(Limit limit, long limitValue, Phase phase) {
    this(limit, limitValue, null, phase, null);
  }

  /** Creates an error for {@code request} (nullable) keeping {@code cause} (nullable). */
  public MessageTooLargeException(
      Limit limit, long limitValue, HttpRequest request, Phase phase, Throwable cause) {
    super(Kind.TOO_LARGE, limit + " over the limit of " + limitValue, request, phase, limit.status,
        cause);
    this.limit = limit;
    this.limitValue = limitValue;
  }

  /** Returns the limit that was exceeded. */
  public Limit limit() {
    return limit;
  }

  /** Returns the configured value of that limit: bytes, or fields for {@link Limit#HEADER_COUNT}. */
  public long limitValue() {
    return limitValue;
  }
}

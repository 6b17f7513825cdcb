package io.gust.http2;

/**
 * A stream error for a header block whose decoded size passed the local
 * SETTINGS_MAX_HEADER_LIST_SIZE. The block was decoded in full, so the connection's compression
 * state is intact; a server answers such a request with 431, a client fails the response.
 */
public final class HeaderListTooLargeException extends Http2Exception {
  private final long listSize;
  private final long limit;

  HeaderListTooLargeException(int streamId, long listSize, long limit) {
    super(ErrorCode.PROTOCOL_ERROR, streamId,
        "header list of " + listSize + " octets passes the limit of " + limit);
    this.listSize = listSize;
    this.limit = limit;
  }

  /** Returns the RFC 7541 size of the whole list: octets of names and values plus 32 each. */
  public long listSize() {
    return listSize;
  }

  /** Returns the limit that was passed. */
  public long limit() {
    return limit;
  }
}

package io.gust.http;

import okio.Buffer;

/**
 * Reads the lines of a message head incrementally: an optional start line, then header fields up
 * to the empty line (RFC 9112 §5). Also reads trailer sections. Enforces the head byte limit over
 * all lines read since {@link #reset()}, and the field count limit.
 *
 * <p>Lines end in CRLF or a bare LF (RFC 9112 §2.2 lets recipients accept it); a bare CR is
 * refused because it is a control character wherever it may stand. Field values lose their
 * surrounding whitespace and are decoded as ISO-8859-1. An obs-fold continuation line is
 * unfolded into one space when folding is allowed (responses) and refused otherwise (requests).
 * Loop-confined.
 */
final class FieldBlockReader {
  private final LineScanner scanner;
  private final int maxHeadBytes;
  private final int maxFieldCount;
  private final boolean foldAllowed;
  private final Phase phase;
  private final Headers.Builder fields = new Headers.Builder();

  /** Bytes of the lines consumed since the last reset. */
  private long headBytes;

  FieldBlockReader(CodecLimits limits, boolean foldAllowed, Phase phase) {
    this.maxHeadBytes = limits.maxHeadBytes();
    this.maxFieldCount = limits.maxHeaderCount();
    this.foldAllowed = foldAllowed;
    this.phase = phase;
    this.scanner = new LineScanner(MessageTooLargeException.Limit.HEAD_BYTES, maxHeadBytes, phase);
  }

  /**
   * Consumes the next line and returns its content without the line ending, decoded as
   * ISO-8859-1; returns null when {@code in} holds no complete line yet.
   */
  String readLine(Buffer in) throws HttpProtocolException {
    long lf = nextLine(in);
    if (lf < 0) {
      return null;
    }
    long content = contentLength(in, lf);
    String line = BufferReads.readLatin1(in, content);
    BufferReads.skip(in, lf + 1 - content);
    return line;
  }

  /**
   * Consumes field lines up to and including the empty line; returns true once it is consumed,
   * false when {@code in} ran out first. The fields read so far are kept between calls.
   */
  boolean readFields(Buffer in) throws HttpProtocolException {
    while (true) {
      long lf = nextLine(in);
      if (lf < 0) {
        return false;
      }
      long content = contentLength(in, lf);
      if (content == 0) {
        BufferReads.skip(in, lf + 1);
        return true;
      }
      int first = in.getByte(0);
      if (HttpChars.isOws(first)) {
        unfold(in, content);
      } else {
        readField(in, content);
      }
      BufferReads.skip(in, lf + 1 - content);
    }
  }

  /** Returns the fields read and starts over for the next message. */
  Headers finish() {
    Headers result = fields.build();
    reset();
    return result;
  }

  /** Forgets everything read, for a new message. */
  void reset() {
    fields.clear();
    headBytes = 0;
    scanner.reset();
  }

  private long nextLine(Buffer in) throws MessageTooLargeException {
    long lf = scanner.find(in, maxHeadBytes - headBytes);
    if (lf >= 0) {
      headBytes += lf + 1;
    }
    return lf;
  }

  /** Returns the line's length without its CRLF or LF. */
  private static long contentLength(Buffer in, long lf) {
    return lf > 0 && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
  }

  private void readField(Buffer in, long content) throws HttpProtocolException {
    long colon = in.indexOf((byte) ':', 0, content);
    if (colon <= 0) {
      throw error(colon == 0 ? "empty header field name" : "header field line without a colon");
    }
    String name = HeaderNames.lookup(in, colon);
    if (name == null) {
      name = BufferReads.readLatin1(in, colon);
      checkName(name);
    } else {
      BufferReads.skip(in, colon);
    }
    BufferReads.skip(in, 1);
    String value = readValue(in, content - colon - 1, name);
    if (fields.size() == maxFieldCount) {
      throw new MessageTooLargeException(
          MessageTooLargeException.Limit.HEADER_COUNT, maxFieldCount, phase);
    }
    fields.addLenient(name, value);
  }

  private void checkName(String name) throws HttpProtocolException {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!HttpChars.isTokenChar(c)) {
        throw error(HttpChars.isOws(c) && i == name.length() - 1
            ? "whitespace between header field name and colon"
            : "invalid character in header field name " + HttpChars.excerpt(name));
      }
    }
  }

  /** Consumes {@code length} bytes holding a field value and returns it trimmed of OWS. */
  private String readValue(Buffer in, long length, String name) throws HttpProtocolException {
    long start = 0;
    while (start < length && HttpChars.isOws(in.getByte(start))) {
      start++;
    }
    long end = length;
    while (end > start && HttpChars.isOws(in.getByte(end - 1))) {
      end--;
    }
    BufferReads.skip(in, start);
    String value = end == start ? "" : BufferReads.readLatin1(in, end - start);
    BufferReads.skip(in, length - end);
    int bad = HttpChars.invalidFieldChar(value);
    if (bad >= 0) {
      throw error("control character 0x" + Integer.toHexString(value.charAt(bad))
          + " in the value of header field " + name);
    }
    return value;
  }

  /** Handles an obs-fold line: appends it to the previous value with one space, or refuses it. */
  private void unfold(Buffer in, long content) throws HttpProtocolException {
    if (!foldAllowed) {
      throw error("obsolete line folding in a request header field");
    }
    if (fields.size() == 0) {
      throw error("whitespace before the first header field");
    }
    String continuation = readValue(in, content, "(continuation)");
    if (!continuation.isEmpty()) {
      fields.appendToLastValue(" ".concat(continuation));
    }
  }

  private HttpProtocolException error(String message) {
    return new HttpProtocolException(message, phase);
  }
}

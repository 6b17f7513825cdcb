package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.Buffer;

/**
 * Reads the lines of a message head incrementally: an optional start line, then header fields up
 * to the empty line (RFC 9112 §5). Also reads trailer sections. Enforces the head byte limit over
 * all lines read since {@link #reset()}, the limit on each line, and the field count limit.
 *
 * <p>Lines end in CRLF or a bare LF (RFC 9112 §2.2 lets recipients accept it); a bare CR is
 * refused because it is a control character wherever it may stand. Field values lose their
 * surrounding whitespace and are decoded as ISO-8859-1. An obs-fold continuation line is
 * unfolded into one space when folding is allowed (responses) and refused otherwise (requests).
 *
 * <p>Each complete line is copied once into a reusable array and parsed there, which costs one
 * bulk copy instead of a call per byte. A connection's responses tend to repeat their start line
 * and most field lines (Server, Content-Type, Connection...), so the strings of the previous head
 * are kept by position and reused when the same bytes come again at the same place, which spares
 * their allocation and their character checks; a head whose every field is reused so gets the
 * previous head's {@link Headers} again. Loop-confined.
 */
final class FieldBlockReader {
  /** Field positions whose strings are remembered for the next head. */
  private static final int REMEMBERED_FIELDS = 16;
  /** Longer values are not remembered: they rarely repeat and would pin memory per connection. */
  private static final int REMEMBERED_VALUE_BYTES = 96;
  /** A line array grown past this for one long line is dropped after its head. */
  private static final int KEPT_LINE_BYTES = 8 * 1024;

  private final LineScanner scanner;
  private final int maxHeadBytes;
  private final int maxLineBytes;
  private final int maxFieldCount;
  private final boolean foldAllowed;
  private final Phase phase;
  private static final HeadersAccess ACCESS = HeadersAccess.get();

  private final Headers.Builder fields = new Headers.Builder();

  /** The current line's bytes, line ending excluded; grows to the longest line of a head. */
  private byte[] line = new byte[256];

  /** Bytes of the lines consumed since the last reset. */
  private long headBytes;

  /** The previous head's start line, and its names and values by field position. */
  private String previousStartLine;
  private final String[] previousNames = new String[REMEMBERED_FIELDS];
  private final String[] previousValues = new String[REMEMBERED_FIELDS];
  /** Position of the next field line in the head being read. */
  private int fieldIndex;
  /** The fields of the previous head, returned again when every string of a head is reused. */
  private Headers previousFields;

  FieldBlockReader(CodecLimits limits, boolean foldAllowed, Phase phase) {
    this.maxHeadBytes = limits.maxHeadBytes();
    this.maxLineBytes = limits.maxFieldLineBytes();
    this.maxFieldCount = limits.maxHeaderCount();
    this.foldAllowed = foldAllowed;
    this.phase = phase;
    this.scanner = new LineScanner(MessageTooLargeException.Limit.HEAD_BYTES, maxHeadBytes, phase);
  }

  /**
   * Consumes lines up to the first non-empty one, a start line, and returns its content without
   * the line ending, decoded as ISO-8859-1; returns null when {@code in} holds no such line yet.
   * Skipping empty lines before a start line is the robustness RFC 9112 §2.2 recommends.
   */
  String readStartLine(Buffer in) throws HttpProtocolException {
    int length;
    do {
      length = nextLine(in);
    } while (length == 0);
    if (length < 0) {
      return null;
    }
    if (!sameBytes(previousStartLine, 0, length)) {
      previousStartLine = new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
    return previousStartLine;
  }

  /**
   * Consumes field lines up to and including the empty line; returns true once it is consumed,
   * false when {@code in} ran out first. The fields read so far are kept between calls.
   */
  boolean readFields(Buffer in) throws HttpProtocolException {
    while (true) {
      int length = nextLine(in);
      if (length < 0) {
        return false;
      }
      if (length == 0) {
        return true;
      }
      if (HttpChars.isOws(line[0])) {
        unfold(length);
      } else {
        readField(length);
      }
    }
  }

  /** Returns the fields read and starts over for the next message. */
  Headers finish() {
    Headers result = ACCESS.buildOr(fields, previousFields);
    previousFields = result;
    reset();
    return result;
  }

  /** Forgets everything read, for a new message. */
  void reset() {
    if (line.length > KEPT_LINE_BYTES) {
      line = new byte[KEPT_LINE_BYTES];
    }
    ACCESS.clear(fields);
    headBytes = 0;
    fieldIndex = 0;
    scanner.reset();
  }

  /**
   * Consumes the next line into {@link #line}; returns its length without CRLF or LF, or -1 when
   * {@code in} holds no complete line.
   */
  private int nextLine(Buffer in) throws MessageTooLargeException {
    long headLeft = maxHeadBytes - headBytes;
    long lf = maxLineBytes < headLeft
        ? scanner.find(in, maxLineBytes, MessageTooLargeException.Limit.FIELD_LINE_BYTES,
            maxLineBytes)
        : scanner.find(in, headLeft);
    if (lf < 0) {
      return -1;
    }
    headBytes += lf + 1;
    int total = (int) lf + 1;
    if (line.length < total) {
      line = Arrays.copyOf(line, Math.max(total, line.length * 2));
    }
    for (int read = 0; read < total; ) {
      read += in.read(line, read, total - read);
    }
    int length = total - 1;
    return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
  }

  private void readField(int length) throws HttpProtocolException {
    int colon = 0;
    while (colon < length && line[colon] != ':') {
      colon++;
    }
    if (colon == 0 || colon == length) {
      throw error(colon == 0 ? "empty header field name" : "header field line without a colon");
    }
    int index = fieldIndex++;
    boolean remembered = index < REMEMBERED_FIELDS;
    String name = HeaderNames.lookup(line, colon);
    if (name == null) {
      name = remembered && sameBytes(previousNames[index], 0, colon)
          ? previousNames[index] : checkedName(colon);
    }
    String value = value(colon + 1, length, name, remembered ? index : -1);
    if (fields.size() == maxFieldCount) {
      throw new MessageTooLargeException(
          MessageTooLargeException.Limit.HEADER_COUNT, maxFieldCount, phase);
    }
    if (remembered) {
      previousNames[index] = name;
    }
    ACCESS.addLenient(fields, name, value);
  }

  /** Whether {@code text} is not null and spells {@code line[start..end)}. */
  private boolean sameBytes(String text, int start, int end) {
    if (text == null || text.length() != end - start) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (text.charAt(i - start) != (line[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private String checkedName(int length) throws HttpProtocolException {
    for (int i = 0; i < length; i++) {
      if (!HttpChars.isTokenChar(line[i])) {
        throw error(HttpChars.isOws(line[i]) && i == length - 1
            ? "whitespace between header field name and colon"
            : "invalid character in header field name");
      }
    }
    return new String(line, 0, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * Returns {@code line[start..end)} trimmed of OWS, checked for control characters: the value
   * the previous head had at field position {@code index} when the bytes are the same, else a new
   * string, remembered there. An index of -1 remembers nothing.
   */
  private String value(int start, int end, String name, int index) throws HttpProtocolException {
    while (start < end && HttpChars.isOws(line[start])) {
      start++;
    }
    while (end > start && HttpChars.isOws(line[end - 1])) {
      end--;
    }
    if (index < 0) {
      return newValue(start, end, name);
    }
    String previous = previousValues[index];
    if (sameBytes(previous, start, end)) {
      return previous;
    }
    String value = newValue(start, end, name);
    previousValues[index] = end - start <= REMEMBERED_VALUE_BYTES ? value : null;
    return value;
  }

  private String newValue(int start, int end, String name) throws HttpProtocolException {
    for (int i = start; i < end; i++) {
      if (!HttpChars.isFieldChar(line[i] & 0xff)) {
        throw error("control character 0x" + Integer.toHexString(line[i] & 0xff)
            + " in the value of header field " + name);
      }
    }
    return start == end ? "" : new String(line, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /** Handles an obs-fold line: appends it to the previous value with one space, or refuses it. */
  private void unfold(int length) throws HttpProtocolException {
    if (!foldAllowed) {
      throw error("obsolete line folding in a request header field");
    }
    if (fields.size() == 0) {
      throw error("whitespace before the first header field");
    }
    String continuation = value(0, length, "(continuation)", -1);
    if (!continuation.isEmpty()) {
      ACCESS.appendToLastValue(fields, " ".concat(continuation));
    }
  }

  private HttpProtocolException error(String message) {
    return new HttpProtocolException(HttpProtocolException.Kind.BAD_HEADER, message, phase);
  }
}

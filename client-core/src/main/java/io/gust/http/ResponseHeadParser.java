package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.Phase;
import io.gust.client.Protocol;
import okio.Buffer;

/**
 * Parses response heads incrementally: status line, then header fields (RFC 9112 §4, §5). Feed
 * it whatever bytes have arrived; it consumes one head's bytes and leaves the body and anything
 * after it in the buffer. One instance serves every response of a connection, interim ones
 * included. Loop-confined.
 *
 * <p>The status line must be {@code HTTP/1.0} or {@code HTTP/1.1}, a space, three digits from
 * 100 to 999, then optionally a space and any reason phrase (empty and obs-text allowed). Empty
 * lines before the status line are skipped. Obsolete line folding is unfolded. Bytes that cannot
 * begin a status line fail at once, before a line end arrives.
 *
 * <p>A head that repeats the previous one (the same status line and the same field strings, which
 * the field reader hands back for repeated bytes) is returned as the same immutable object.
 */
public final class ResponseHeadParser {
  private static final String HTTP_PREFIX = "HTTP/";
  private final FieldBlockReader reader;

  /** The version of the head being parsed, or null while its status line is still unread. */
  private Protocol protocol;

  private int code;

  private String reason;

  /** The last status line parsed and its version: the reader hands back the same string for a
   * repeated line, which then needs no parsing. */
  private String parsedLine;
  private Protocol parsedProtocol;
  /** The last head returned: returned again when a head repeats it string for string. */
  private ResponseHead previous;

  /** Creates a parser with the client's default limits. */
  public ResponseHeadParser() {
    this(CodecLimits.CLIENT);
  }

  /** Creates a parser that enforces the head limits of {@code limits}. */
  public ResponseHeadParser(CodecLimits limits) {
    this.reader = new FieldBlockReader(limits, true, Phase.HEADERS);
  }

  /**
   * Consumes bytes of the next head from {@code in}; returns the head once it is complete, or
   * null when more bytes are needed. After a failure the connection must be closed.
   */
  public ResponseHead parse(Buffer in) throws HttpProtocolException {
    if (protocol == null) {
      String line = reader.readStartLine(in);
      if (line == null) {
        checkStatusLineStart(in);
        return null;
      }
      if (line == parsedLine) {
        protocol = parsedProtocol;
      } else {
        parseStatusLine(line);
        parsedLine = line;
        parsedProtocol = protocol;
      }
    }
    if (!reader.readFields(in)) {
      return null;
    }
    Headers headers = reader.finish();
    ResponseHead head = previous;
    if (head == null || head.protocol() != protocol || head.code() != code
        || head.reason() != reason || head.headers() != headers) {
      head = new ResponseHead(protocol, code, reason, headers);
      previous = head;
    }
    protocol = null;
    return head;
  }

  /**
   * Fails as soon as the start of an incomplete status line cannot be {@code HTTP/}, rather than
   * waiting for a line end: an HTTP/2 server's SETTINGS frame, or any other protocol, may never
   * send one, and curl likewise gives up at the first bytes that cannot be HTTP/1.x.
   */
  private static void checkStatusLineStart(Buffer in) throws HttpProtocolException {
    long size = in.size();
    long start = 0;
    while (start < size && (in.getByte(start) == '\r' || in.getByte(start) == '\n')) {
      start++;
    }
    for (int i = 0; i < HTTP_PREFIX.length() && start + i < size; i++) {
      if (in.getByte(start + i) != HTTP_PREFIX.charAt(i)) {
        StringBuilder seen = new StringBuilder(16);
        for (long j = start; j < size && j < start + 16; j++) {
          seen.append((char) (in.getByte(j) & 0xff));
        }
        throw malformed("the response does not start with HTTP/", seen.toString());
      }
    }
  }

  private void parseStatusLine(String line) throws HttpProtocolException {
    Protocol version = StartLines.version(line, 0);
    if (version == null) {
      throw malformed("unsupported HTTP version in status line", line);
    }
    if (line.length() < 12 || line.charAt(8) != ' ') {
      throw malformed("malformed status line", line);
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      int digit = line.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        throw malformed("status code is not three digits", line);
      }
      status = status * 10 + digit;
    }
    if (status < 100) {
      throw malformed("status code below 100", line);
    }
    if (line.length() > 12 && line.charAt(12) != ' ') {
      throw malformed("status code is not three digits", line);
    }
    reason = reason(line, status);
    code = status;
    protocol = version;
  }

  private static String reason(String line, int code) throws HttpProtocolException {
    if (line.length() <= 13) {
      return "";
    }
    String standard = ReasonPhrases.of(code);
    if (line.length() - 13 == standard.length() && line.startsWith(standard, 13)) {
      return standard;
    }
    String reason = line.substring(13);
    if (HttpChars.invalidFieldChar(reason) >= 0) {
      throw malformed("control character in reason phrase", line);
    }
    return reason;
  }

  private static HttpProtocolException malformed(String message, String line) {
    return new HttpProtocolException(HttpProtocolException.Kind.BAD_STATUS_LINE,
        message + ": " + HttpChars.excerpt(line), Phase.HEADERS);
  }
}

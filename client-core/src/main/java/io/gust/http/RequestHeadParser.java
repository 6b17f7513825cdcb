package io.gust.http;

import io.gust.client.HttpProtocolException;
import io.gust.client.Phase;
import io.gust.client.Protocol;
import okio.Buffer;

/**
 * Parses request heads incrementally: request line, then header fields (RFC 9112 §3, §5), for
 * Gust's server. It consumes one head's bytes and leaves the body and any pipelined request in
 * the buffer. One instance serves every request of a connection. Loop-confined.
 *
 * <p>The request line must be a method token, one space, a target of visible ASCII, one space,
 * and {@code HTTP/1.0} or {@code HTTP/1.1}; anything else, HTTP/0.9's version-less line
 * included, is refused. Empty lines before the request line are skipped. Obsolete line folding
 * is refused, as RFC 9112 §5.2 requires of servers. Failures carry the status to answer with in
 * {@link HttpProtocolException#suggestedStatus()}.
 */
public final class RequestHeadParser {
  private final FieldBlockReader reader;

  /** The method of the head being parsed, or null while its request line is still unread. */
  private String method;

  private String target;

  private Protocol protocol;

  /** Creates a parser with the server's default limits. */
  public RequestHeadParser() {
    this(CodecLimits.SERVER);
  }

  /** Creates a parser that enforces the head limits of {@code limits}. */
  public RequestHeadParser(CodecLimits limits) {
    this.reader = new FieldBlockReader(limits, false, Phase.HEADERS);
  }

  /**
   * Consumes bytes of the next head from {@code in}; returns the head once it is complete, or
   * null when more bytes are needed. After a failure the connection must be closed.
   */
  public RequestHead parse(Buffer in) throws HttpProtocolException {
    if (method == null) {
      String line = reader.readStartLine(in);
      if (line == null) {
        return null;
      }
      parseRequestLine(line);
    }
    if (!reader.readFields(in)) {
      return null;
    }
    RequestHead head = new RequestHead(method, target, protocol, reader.finish());
    method = null;
    return head;
  }

  private void parseRequestLine(String line) throws HttpProtocolException {
    int firstSpace = line.indexOf(' ');
    int lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1
        || line.indexOf(' ', firstSpace + 1) != lastSpace) {
      throw malformed("malformed request line", 400);
    }
    for (int i = 0; i < firstSpace; i++) {
      if (!HttpChars.isTokenChar(line.charAt(i))) {
        throw malformed("method is not a token", 400);
      }
    }
    for (int i = firstSpace + 1; i < lastSpace; i++) {
      char c = line.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw malformed("request target has a control or non-ASCII character", 400);
      }
    }
    Protocol version = StartLines.version(line, lastSpace + 1);
    if (version == null || line.length() != lastSpace + 9) {
      throw malformed("unsupported HTTP version", line.startsWith("HTTP/", lastSpace + 1) ? 505 : 400);
    }
    target = line.substring(firstSpace + 1, lastSpace);
    protocol = version;
    method = StartLines.method(line, firstSpace);
  }

  /** Returns the error; the line stays out of the message because its target may hold a query. */
  private static HttpProtocolException malformed(String message, int status) {
    return new HttpProtocolException(
        HttpProtocolException.Kind.BAD_REQUEST_LINE, message, Phase.HEADERS, status);
  }
}

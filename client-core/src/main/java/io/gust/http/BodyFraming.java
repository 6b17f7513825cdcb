package io.gust.http;

import static io.gust.client.HttpProtocolException.Kind.BAD_CONTENT_LENGTH;
import static io.gust.client.HttpProtocolException.Kind.BAD_TRANSFER_ENCODING;
import static io.gust.client.HttpProtocolException.Kind.CONFLICTING_FRAMING;
import static io.gust.client.HttpProtocolException.Kind.CONFLICTING_LENGTH;
import static io.gust.client.HttpProtocolException.Kind.UNSUPPORTED_TRANSFER_CODING;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.MessageTooLargeException;
import io.gust.client.Phase;
import io.gust.client.Protocol;

/**
 * How a message's body is delimited (RFC 9112 §6.3) and whether its connection may carry another
 * exchange afterwards. Decided from a parsed head by {@link #forResponse} or {@link #forRequest};
 * {@link #newDecoder} then reads the body. Immutable.
 *
 * <p>Keep-alive: HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with {@code Connection:
 * keep-alive}. Never after a body read until close, an HTTP/1.0 message with Transfer-Encoding,
 * a 101 or a 2xx answer to CONNECT (the connection stops speaking HTTP). A message with both
 * Transfer-Encoding and Content-Length is refused either way, as a request smuggling sign.
 */
public final class BodyFraming {
  /** The ways a body can be delimited. */
  public enum Kind {
    /** No body at all. */
    NONE,
    /** Exactly {@link #contentLength()} bytes. */
    FIXED_LENGTH,
    /** The chunked transfer coding, possibly with trailers. */
    CHUNKED,
    /** Everything until the connection closes (responses only). */
    UNTIL_CLOSE
  }

  /** What the Transfer-Encoding fields say. */
  private enum Coding { ABSENT, CHUNKED, CHUNKED_AFTER_OTHERS, NOT_CHUNKED_LAST }

  private final Kind kind;
  private final long contentLength;
  private final boolean keepAlive;
  private final boolean foldAllowed;

  private BodyFraming(Kind kind, long contentLength, boolean keepAlive, boolean foldAllowed) {
    this.kind = kind;
    this.contentLength = contentLength;
    this.keepAlive = keepAlive && kind != Kind.UNTIL_CLOSE;
    this.foldAllowed = foldAllowed;
  }

  /**
   * Decides the framing of a response to a request made with {@code requestMethod}. No body for
   * HEAD, 1xx, 204, 304 and 2xx to CONNECT; else Transfer-Encoding, which must not come with
   * Content-Length (a smuggling sign, refused) and must be exactly chunked; else Content-Length,
   * which must be one non-negative decimal (repeats allowed only when identical); else until
   * close.
   *
   * <p>A response whose transfer codings are anything but chunked alone is refused with {@link
   * HttpProtocolException.Kind#UNSUPPORTED_TRANSFER_CODING}: Gust never sends {@code TE}, so a
   * server may not apply another coding (RFC 9112 §7.4), and Gust could not remove it. RFC 9112
   * §6.3 would read a body whose final coding is not chunked until close; delivering it would
   * hand the application bytes still transfer-coded, so that case is refused too.
   */
  public static BodyFraming forResponse(String requestMethod, ResponseHead head)
      throws HttpProtocolException {
    if ("HEAD".equals(requestMethod) || "CONNECT".equals(requestMethod)) {
      return decide(requestMethod, head);
    }
    BodyFraming framing = head.framing;
    if (framing == null) {
      framing = decide(requestMethod, head);
      head.framing = framing;
    }
    return framing;
  }

  private static BodyFraming decide(String requestMethod, ResponseHead head)
      throws HttpProtocolException {
    int code = head.code();
    Headers headers = head.headers();
    boolean reusable = allowsReuse(head.protocol(), headers);
    boolean tunnel = code == 101 || ("CONNECT".equals(requestMethod) && code / 100 == 2);
    if (tunnel || "HEAD".equals(requestMethod) || code < 200 || code == 204 || code == 304) {
      return new BodyFraming(Kind.NONE, 0, reusable && !tunnel, true);
    }
    Coding coding = transferCoding(headers);
    if (coding != Coding.ABSENT) {
      if (headers.get("Content-Length") != null) {
        throw headerError(CONFLICTING_FRAMING,
            "response has both Transfer-Encoding and Content-Length", 502);
      }
      if (coding != Coding.CHUNKED) {
        throw headerError(UNSUPPORTED_TRANSFER_CODING,
            "response has a transfer coding other than chunked", 502);
      }
      return new BodyFraming(Kind.CHUNKED, -1, reusable && head.protocol() == Protocol.HTTP_1_1,
          true);
    }
    long length = contentLength(headers, 502);
    return length < 0
        ? new BodyFraming(Kind.UNTIL_CLOSE, -1, false, true)
        : new BodyFraming(Kind.FIXED_LENGTH, length, reusable, true);
  }

  /**
   * Decides the framing of a request, for the server. Transfer-Encoding must be a well-formed list
   * (else 400) ending in a bare chunked (else 400, RFC 9112 §6.3), name no other coding (else
   * 501, RFC 9112 §6.1: Gust implements none), and must not come with Content-Length (400: a
   * request smuggling defence) nor in HTTP/1.0 (400). Content-Length follows the response rules;
   * with neither field there is no body.
   */
  public static BodyFraming forRequest(RequestHead head) throws HttpProtocolException {
    Headers headers = head.headers();
    boolean reusable = allowsReuse(head.protocol(), headers);
    Coding coding = transferCoding(headers);
    if (coding != Coding.ABSENT) {
      if (headers.get("Content-Length") != null) {
        throw headerError(CONFLICTING_FRAMING,
            "request has both Transfer-Encoding and Content-Length", 400);
      }
      if (head.protocol() == Protocol.HTTP_1_0) {
        throw headerError(BAD_TRANSFER_ENCODING, "Transfer-Encoding in an HTTP/1.0 request", 400);
      }
      if (coding == Coding.NOT_CHUNKED_LAST) {
        throw headerError(BAD_TRANSFER_ENCODING,
            "request transfer coding does not end in chunked", 400);
      }
      if (coding == Coding.CHUNKED_AFTER_OTHERS) {
        throw headerError(UNSUPPORTED_TRANSFER_CODING, "unsupported transfer coding in request",
            501);
      }
      return new BodyFraming(Kind.CHUNKED, -1, reusable, false);
    }
    long length = contentLength(headers, 400);
    return length <= 0
        ? new BodyFraming(Kind.NONE, 0, reusable, false)
        : new BodyFraming(Kind.FIXED_LENGTH, length, reusable, false);
  }

  /** Returns how the body is delimited. */
  public Kind kind() {
    return kind;
  }

  /** Returns the body length for {@link Kind#FIXED_LENGTH}, 0 for {@link Kind#NONE}, else -1. */
  public long contentLength() {
    return contentLength;
  }

  /** Whether the connection may carry another exchange once this message is read whole. */
  public boolean isKeepAlive() {
    return keepAlive;
  }

  /**
   * Returns a decoder for this body that enforces {@code limits}' body size (and, for trailers,
   * head) limits. Throws {@link MessageTooLargeException} at once for an announced length over
   * the body limit.
   */
  public BodyDecoder newDecoder(CodecLimits limits) throws MessageTooLargeException {
    switch (kind) {
      case FIXED_LENGTH:
        if (contentLength > limits.maxBodyBytes()) {
          throw new MessageTooLargeException(
              MessageTooLargeException.Limit.BODY_BYTES, limits.maxBodyBytes(), Phase.BODY);
        }
        return new FixedLengthDecoder(contentLength);
      case CHUNKED:
        return new ChunkedDecoder(limits, foldAllowed);
      case UNTIL_CLOSE:
        return new UntilCloseDecoder(limits.maxBodyBytes());
      default:
        return new FixedLengthDecoder(0);
    }
  }

  @Override
  public String toString() {
    return kind + (kind == Kind.FIXED_LENGTH ? "(" + contentLength + ")" : "")
        + (keepAlive ? ", keep-alive" : ", close");
  }

  /** Applies the Connection field's close and keep-alive options to the version's default. */
  public static boolean allowsReuse(Protocol protocol, Headers headers) {
    boolean close = false;
    boolean keepAlive = false;
    FieldList options = new FieldList(headers, "Connection");
    while (options.next()) {
      close |= options.is("close");
      keepAlive |= options.is("keep-alive");
    }
    return !close && (protocol == Protocol.HTTP_1_1 || keepAlive);
  }

  /**
   * Reads the Transfer-Encoding fields: a list of well-formed codings (else 400), chunked at most
   * once. Only a bare {@code chunked} counts as chunked; anything else is a coding Gust does not
   * implement.
   */
  private static Coding transferCoding(Headers headers) throws HttpProtocolException {
    if (headers.get("Transfer-Encoding") == null) {
      return Coding.ABSENT;
    }
    FieldList codings = new FieldList(headers, "Transfer-Encoding");
    boolean chunked = false;
    boolean other = false;
    boolean chunkedLast = false;
    while (codings.next()) {
      if (!codings.isTokenWithParameters()) {
        throw headerError(BAD_TRANSFER_ENCODING, "malformed Transfer-Encoding", 400);
      }
      chunkedLast = codings.isBare("chunked");
      if (chunkedLast && chunked) {
        throw headerError(BAD_TRANSFER_ENCODING, "chunked transfer coding applied twice", 400);
      }
      chunked |= chunkedLast;
      other |= !chunkedLast;
    }
    if (!chunked && !other) {
      throw headerError(BAD_TRANSFER_ENCODING, "empty Transfer-Encoding", 400);
    }
    if (!chunkedLast) {
      return Coding.NOT_CHUNKED_LAST;
    }
    return other ? Coding.CHUNKED_AFTER_OTHERS : Coding.CHUNKED;
  }

  /** Returns the Content-Length, or -1 when absent; throws unless all values are one decimal. */
  private static long contentLength(Headers headers, int status) throws HttpProtocolException {
    String first = headers.get("Content-Length");
    if (first == null) {
      return -1;
    }
    long plain = plainDecimal(first);
    if (plain >= 0 && count(headers, "Content-Length") == 1) {
      return plain;
    }
    FieldList values = new FieldList(headers, "Content-Length");
    long length = -1;
    while (values.next()) {
      long value = values.decimal();
      if (value < 0) {
        throw headerError(BAD_CONTENT_LENGTH,
            "Content-Length is not a non-negative decimal", status);
      }
      if (length >= 0 && value != length) {
        throw headerError(CONFLICTING_LENGTH, "conflicting Content-Length values", status);
      }
      length = value;
    }
    if (length < 0) {
      throw headerError(BAD_CONTENT_LENGTH, "empty Content-Length", status);
    }
    return length;
  }

  private static int count(Headers headers, String name) {
    int count = 0;
    for (int i = 0, size = headers.size(); i < size; i++) {
      if (HttpChars.sameName(headers.name(i), name)) {
        count++;
      }
    }
    return count;
  }

  /** The value as a decimal of at most 18 digits, or -1 when it is anything else. */
  private static long plainDecimal(String value) {
    int length = value.length();
    if (length == 0 || length > 18) {
      return -1;
    }
    long result = 0;
    for (int i = 0; i < length; i++) {
      int digit = value.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      result = result * 10 + digit;
    }
    return result;
  }

  private static HttpProtocolException headerError(
      HttpProtocolException.Kind kind, String message, int status) {
    return new HttpProtocolException(kind, message, Phase.HEADERS, status);
  }
}

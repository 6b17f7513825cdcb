package io.gust.client;

/**
 * A message that breaks HTTP/1.1: a malformed status line, request line, header field or body
 * framing. {@link #kind()} says what broke, for code that must tell these apart without reading
 * messages; its phase is {@link Phase#HEADERS} or {@link Phase#BODY}. The connection it came from
 * must not be reused.
 *
 * <p>When the codec raised it while parsing a request, {@link #suggestedStatus()} says how a
 * server should answer (400 unless a more precise status applies).
 */
public sealed class HttpProtocolException extends HttpClientException
    permits MessageTooLargeException, TruncatedBodyException {
  /** What part of the message broke the protocol. */
  public enum Kind {
    /** A response's status line: its version, its three-digit code, or its reason phrase. */
    BAD_STATUS_LINE,
    /** A request's request line: method, target or version. */
    BAD_REQUEST_LINE,
    /** A header or trailer field line ({@link #phase()} says which section). */
    BAD_HEADER,
    /** A Content-Length that is not one non-negative decimal. */
    BAD_CONTENT_LENGTH,
    /** Content-Length fields with different values. */
    CONFLICTING_LENGTH,
    /**
     * A Transfer-Encoding that is malformed, empty, repeats chunked, or is not allowed in this
     * message (in a request: chunked not the final coding).
     */
    BAD_TRANSFER_ENCODING,
    /** A well-formed Transfer-Encoding naming a coding other than chunked, which Gust lacks. */
    UNSUPPORTED_TRANSFER_CODING,
    /** Both Transfer-Encoding and Content-Length: a request smuggling sign. */
    CONFLICTING_FRAMING,
    /** A chunk-size line, chunk extension or chunk end of the chunked coding. */
    BAD_CHUNK,
    /** A gzip or deflate body that does not decode. */
    BAD_CONTENT_ENCODING,
    /** A redirect's Location that is malformed or names a scheme other than http or https. */
    BAD_LOCATION,
    /** The connection closed before any byte of a response. */
    EMPTY_RESPONSE,
    /** The connection closed in the middle of a response head. */
    TRUNCATED_HEAD,
    /** The input ended before the body did: always a {@link TruncatedBodyException}. */
    TRUNCATED_BODY,
    /** A size limit was passed: always a {@link MessageTooLargeException}. */
    TOO_LARGE
  }

  private final Kind kind;
  private final int suggestedStatus;

  /** Creates a codec error answered with 400 Bad Request. */
  public HttpProtocolException(Kind kind, String message, Phase phase) {
    this(kind, message, phase, 400);
  }

  /** Creates a codec error that a server answers with {@code suggestedStatus}. */
  public HttpProtocolException(Kind kind, String message, Phase phase, int suggestedStatus) {
    this(kind, message, null, phase, suggestedStatus, null);
  }

  /** Creates an error for {@code request} (nullable) keeping {@code cause} (nullable). */
  public HttpProtocolException(
      Kind kind, String message, HttpRequest request, Phase phase, Throwable cause) {
    this(kind, message, request, phase, 400, cause);
  }

  HttpProtocolException(Kind kind, String message, HttpRequest request, Phase phase,
      int suggestedStatus, Throwable cause) {
    super(message, request, checkPhase(phase), cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
    this.suggestedStatus = suggestedStatus;
  }

  private static Phase checkPhase(Phase phase) {
    if (phase != Phase.HEADERS && phase != Phase.BODY) {
      throw new IllegalArgumentException("protocol errors happen in HEADERS or BODY, not " + phase);
    }
    return phase;
  }

  /** Returns what broke the protocol. */
  public Kind kind() {
    return kind;
  }

  /** Returns the status a server should answer a request that failed to parse with. */
  public int suggestedStatus() {
    return suggestedStatus;
  }
}

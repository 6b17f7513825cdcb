package io.gust.server;

import io.gust.client.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import okio.ByteString;

/**
 * A response to send: status, header fields, and a body that is fixed, streamed or a file.
 * Immutable; the {@code with} methods return copies.
 *
 * <p>The server adds {@code Date}, {@code Server}, {@code Content-Length} or {@code
 * Transfer-Encoding}, and {@code Connection} when it closes; framing fields given here are
 * ignored. A {@code Connection: close} given here closes the connection after this response.
 * For HEAD requests the body is left out and its length kept; a 204 or 304 answer is sent
 * without its body (a streamed body is not started), as those statuses carry none.
 */
public final class Response {
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final Headers TEXT_FIELDS = Headers.of("Content-Type", TEXT);

  private final int code;
  private final Headers headers;
  private final ByteString body;
  private final StreamingBody streamingBody;
  /** The announced length of a streamed body, or -1 for chunked. */
  private final long streamLength;
  /** The file to send as the body, or null. */
  private final FileBody file;

  private Response(int code, Headers headers, ByteString body, StreamingBody streamingBody,
      long streamLength) {
    this(code, headers, body, streamingBody, streamLength, null);
  }

  private Response(int code, Headers headers, ByteString body, StreamingBody streamingBody,
      long streamLength, FileBody file) {
    if (code < 200 || code > 999) {
      throw new IllegalArgumentException("status code not in [200, 999]: " + code);
    }
    this.code = code;
    this.headers = headers;
    this.body = body;
    this.streamingBody = streamingBody;
    this.streamLength = streamLength;
    this.file = file;
  }

  /** Whether a response with status {@code code} may carry a body (RFC 9110 §6.4.1). */
  static boolean allowsBody(int code) {
    return code != 204 && code != 304;
  }

  /** A 200 with a UTF-8 text body. */
  public static Response ok(String text) {
    return of(200, text);
  }

  /** A response with a UTF-8 text body. */
  public static Response of(int code, String text) {
    return new Response(code, TEXT_FIELDS, ByteString.encodeString(text, StandardCharsets.UTF_8),
        null, -1);
  }

  /** A response with {@code body} of type {@code contentType}. */
  public static Response of(int code, ByteString body, String contentType) {
    Objects.requireNonNull(body, "body");
    return new Response(code, Headers.of("Content-Type", contentType), body, null, -1);
  }

  /** A response with no body (and {@code Content-Length: 0} where a length is allowed). */
  public static Response status(int code) {
    return new Response(code, Headers.empty(), ByteString.EMPTY, null, -1);
  }

  /** A response whose body {@code body} streams with the chunked coding. */
  public static Response streaming(int code, StreamingBody body) {
    return new Response(code, Headers.empty(), null, Objects.requireNonNull(body, "body"), -1);
  }

  /** A response whose body streams exactly {@code contentLength} bytes, announced up front. */
  public static Response streaming(int code, long contentLength, StreamingBody body) {
    if (contentLength < 0) {
      throw new IllegalArgumentException("contentLength < 0: " + contentLength);
    }
    return new Response(code, Headers.empty(), null, Objects.requireNonNull(body, "body"),
        contentLength);
  }

  /**
   * A 200 whose body is {@code file}, with its size as the Content-Length. The file is opened on
   * the loop when the response is written (a missing file is then answered 404, one that cannot
   * be opened 500) and, over plain HTTP, sent by the kernel from the page cache (sendfile), never
   * copied into the heap; over HTTPS it is read in 16 KiB pieces on {@code executor} and written
   * with backpressure. As with nginx, this suits files on a local disk: a cold file on a slow one
   * holds up the loop while the kernel reads it. A file that shrinks while it is sent cuts the
   * body short (the connection closes).
   */
  public static Response file(Path file, String contentType, Executor executor) {
    return new FileBody(file, executor).response(contentType);
  }

  static Response file(int code, FileBody file) {
    return new Response(code, Headers.empty(), null, null, -1, file);
  }

  /** Returns a copy with the field added. */
  public Response withHeader(String name, String value) {
    Headers added = headers.newBuilder().add(name, value).build();
    return new Response(code, added, body, streamingBody, streamLength, file);
  }

  /** Returns a copy with {@code headers} in place of these fields. */
  public Response withHeaders(Headers headers) {
    return new Response(code, Objects.requireNonNull(headers, "headers"), body, streamingBody,
        streamLength, file);
  }

  /** The status code. */
  public int code() {
    return code;
  }

  /** The fields given for this response, without those the server adds. */
  public Headers headers() {
    return headers;
  }

  /** The fixed body, or null when the body is streamed. */
  public ByteString body() {
    return body;
  }

  /** The streamed body, or null when the body is fixed or a file. */
  public StreamingBody streamingBody() {
    return streamingBody;
  }

  /** The announced length of a streamed body, or -1 when it is chunked or the body fixed. */
  public long streamLength() {
    return streamLength;
  }

  /** The file body, or null. */
  FileBody fileBody() {
    return file;
  }

  @Override
  public String toString() {
    String kind = file != null ? ", file" : ", streamed";
    return "Response{" + code + (body != null ? ", " + body.size() + " bytes" : kind) + "}";
  }
}

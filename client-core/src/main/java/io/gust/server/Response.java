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
 * For HEAD requests the body is left out and its length kept.
 */
public final class Response {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final int code;
  private final Headers headers;
  private final ByteString body;
  private final StreamingBody streamingBody;
  /** The announced length of a streamed body, or -1 for chunked. */
  private final long streamLength;

  private Response(int code, Headers headers, ByteString body, StreamingBody streamingBody,
      long streamLength) {
    if (code < 200 || code > 999) {
      throw new IllegalArgumentException("status code not in [200, 999]: " + code);
    }
    this.code = code;
    this.headers = headers;
    this.body = body;
    this.streamingBody = streamingBody;
    this.streamLength = streamLength;
  }

  /** A 200 with a UTF-8 text body. */
  public static Response ok(String text) {
    return of(200, text);
  }

  /** A response with a UTF-8 text body. */
  public static Response of(int code, String text) {
    return of(code, ByteString.encodeString(text, StandardCharsets.UTF_8), TEXT);
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
   * A 200 whose body is {@code file}, read in 64 KiB pieces on {@code executor} (never on the
   * loop) and written with the chunked coding and backpressure. A file that cannot be read aborts
   * the response, cutting the body short.
   */
  public static Response file(Path file, String contentType, Executor executor) {
    return new FileBody(file, executor).response(contentType);
  }

  /** Returns a copy with the field added. */
  public Response withHeader(String name, String value) {
    Headers added = headers.newBuilder().add(name, value).build();
    return new Response(code, added, body, streamingBody, streamLength);
  }

  /** Returns a copy with {@code headers} in place of these fields. */
  public Response withHeaders(Headers headers) {
    return new Response(code, Objects.requireNonNull(headers, "headers"), body, streamingBody,
        streamLength);
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

  /** The streamed body, or null when the body is fixed. */
  public StreamingBody streamingBody() {
    return streamingBody;
  }

  /** The announced length of a streamed body, or -1 when it is chunked or the body fixed. */
  public long streamLength() {
    return streamLength;
  }

  @Override
  public String toString() {
    return "Response{" + code + (body != null ? ", " + body.size() + " bytes" : ", streamed")
        + "}";
  }
}

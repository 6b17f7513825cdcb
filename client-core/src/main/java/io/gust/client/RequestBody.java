package io.gust.client;

import io.gust.http.ContentTypes;
import io.gust.http.HttpChars;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import okio.ByteString;

/**
 * The content of a request: bytes in memory, a file, or a {@link BodyProducer}. Immutable; the
 * client reads it according to {@link #kind()}.
 *
 * <p>Bytes and files can be sent again (on a retry or a 307/308 redirect); a producer cannot,
 * because it is called once. A file's length is read from the file system when the client sends
 * it, off the loop thread, so {@link #contentLength()} does not know it.
 */
public final class RequestBody {
  /** How the content is held, and so which accessor gives it. */
  public enum Kind {
    /** In memory: {@link #bytes()}. */
    BYTES,
    /** A file read when sent: {@link #path()}. */
    FILE,
    /** Generated when sent: {@link #producer()}. */
    PRODUCER
  }

  private final Kind kind;
  private final ByteString bytes;
  private final Path path;
  private final BodyProducer producer;
  private final long contentLength;
  private final String contentType;

  private RequestBody(Kind kind, ByteString bytes, Path path, BodyProducer producer,
      long contentLength, String contentType) {
    if (contentType != null) {
      HttpChars.checkFieldValue("Content-Type", contentType);
    }
    this.kind = kind;
    this.bytes = bytes;
    this.path = path;
    this.producer = producer;
    this.contentLength = contentLength;
    this.contentType = contentType;
  }

  /** Returns a body of a copy of {@code content}, without a content type. */
  public static RequestBody of(byte[] content) {
    return of(ByteString.of(content), null);
  }

  /** Returns a body of {@code content}; {@code contentType} may be null. */
  public static RequestBody of(ByteString content, String contentType) {
    Objects.requireNonNull(content, "content");
    return new RequestBody(Kind.BYTES, content, null, null, content.size(), contentType);
  }

  /**
   * Returns a body of {@code text} encoded in the charset named by {@code contentType}, or UTF-8
   * when it names none. Throws IllegalArgumentException for a charset the JDK does not know.
   */
  public static RequestBody ofString(String text, String contentType) {
    Objects.requireNonNull(text, "text");
    String charsetName = ContentTypes.charsetName(contentType);
    Charset charset = charsetName == null
        ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
    return of(ByteString.encodeString(text, charset), contentType);
  }

  /** Returns a body of the file at {@code path}, sized and read when the request is sent. */
  public static RequestBody ofFile(Path path, String contentType) {
    Objects.requireNonNull(path, "path");
    return new RequestBody(Kind.FILE, null, path, null, -1, contentType);
  }

  /** Returns a body written by {@code producer}, of unknown length: it is sent chunked. */
  public static RequestBody ofProducer(BodyProducer producer, String contentType) {
    return ofProducer(producer, contentType, -1);
  }

  /**
   * Returns a body written by {@code producer} that will be exactly {@code contentLength} bytes
   * (-1 for unknown), sent with that Content-Length. Writing another count fails the exchange.
   */
  public static RequestBody ofProducer(BodyProducer producer, String contentType, long contentLength) {
    Objects.requireNonNull(producer, "producer");
    if (contentLength < -1) {
      throw new IllegalArgumentException("contentLength < -1: " + contentLength);
    }
    return new RequestBody(Kind.PRODUCER, null, null, producer, contentLength, contentType);
  }

  /** Returns how the content is held. */
  public Kind kind() {
    return kind;
  }

  /** Returns the content for {@link Kind#BYTES}, else null. */
  public ByteString bytes() {
    return bytes;
  }

  /** Returns the file for {@link Kind#FILE}, else null. */
  public Path path() {
    return path;
  }

  /** Returns the producer for {@link Kind#PRODUCER}, else null. */
  public BodyProducer producer() {
    return producer;
  }

  /** Returns the length in bytes, or -1 when unknown (files until sent; most producers). */
  public long contentLength() {
    return contentLength;
  }

  /** Returns the media type to send as Content-Type, or null for none. */
  public String contentType() {
    return contentType;
  }

  /** Whether the body can be sent more than once: true for bytes and files. */
  public boolean isReplayable() {
    return kind != Kind.PRODUCER;
  }

  @Override
  public String toString() {
    return "RequestBody{" + kind + ", " + contentLength + " bytes, " + contentType + "}";
  }
}

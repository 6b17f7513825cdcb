package io.gust.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okio.ByteString;

/**
 * Builds a {@code multipart/form-data} body (RFC 7578), the format of an HTML form that uploads
 * files: text fields and file parts, streamed when sent rather than assembled in memory. File
 * parts are read in chunks on the client's file threads, never on the loop, and only as fast as
 * the connection takes them.
 *
 * <p>Each body gets a fresh random boundary. When every part's length is known (fields, bytes,
 * files whose size could be read at {@link Builder#build()}, producers that announce a length)
 * the body is sent with a Content-Length, else chunked. A file that changed size since {@code
 * build()} fails the fetch in phase WRITE. The body is generated once per send, so like other
 * producer bodies it is not sent again on a retry or a 307/308 redirect.
 *
 * <pre>{@code
 * RequestBody upload = MultipartBody.builder()
 *     .field("title", "Holiday")
 *     .file("photo", Path.of("beach.jpg"), "image/jpeg")
 *     .build();
 * client.fetch(HttpRequest.newBuilder(url).post(upload).build());
 * }</pre>
 */
public final class MultipartBody {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MultipartBody() {}

  /** Returns an empty builder with a random boundary. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the parts in order. Not thread-safe. */
  public static final class Builder {
    private final String boundary = randomToken();
    private final List<MultipartProducer.Part> parts = new ArrayList<>();

    private Builder() {}

    /** Adds a text field, sent as UTF-8 without a Content-Type (RFC 7578: text/plain). */
    public Builder field(String name, String value) {
      Objects.requireNonNull(value, "value");
      return part(name, null, RequestBody.of(ByteString.encodeUtf8(value), null));
    }

    /**
     * Adds a file part named {@code name}, with the file's own name as filename and {@code
     * contentType} (null for none; receivers then assume application/octet-stream).
     */
    public Builder file(String name, Path file, String contentType) {
      Path fileName = Objects.requireNonNull(file, "file").getFileName();
      return part(name, fileName == null ? "" : fileName.toString(),
          RequestBody.ofFile(file, contentType));
    }

    /**
     * Adds a part of any body: bytes, a file or a producer. {@code filename} may be null; the
     * body's content type, if any, is sent as the part's Content-Type.
     */
    public Builder part(String name, String filename, RequestBody body) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(body, "body");
      parts.add(new MultipartProducer.Part(head(name, filename, body.contentType()), body));
      return this;
    }

    /**
     * Returns the body. Reads the size of each file part (a file that cannot be read then is
     * sent chunked, and fails when the request is sent); do not call it on a loop thread.
     */
    public RequestBody build() {
      long total = 0;
      for (MultipartProducer.Part part : parts) {
        long length = contentLength(part.content);
        part.length = length;
        total = total < 0 || length < 0 ? -1 : total + part.head.size() + length + 2;
      }
      ByteString closing = ByteString.encodeUtf8("--" + boundary + "--\r\n");
      if (total >= 0) {
        total += closing.size();
      }
      return RequestBody.ofProducer(new MultipartProducer(List.copyOf(parts), closing),
          "multipart/form-data; boundary=" + boundary, total);
    }

    private ByteString head(String name, String filename, String contentType) {
      StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(escape(name)).append('"');
      if (filename != null) {
        head.append("; filename=\"").append(escape(filename)).append('"');
      }
      head.append("\r\n");
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      return ByteString.encodeUtf8(head.append("\r\n").toString());
    }
  }

  private static long contentLength(RequestBody body) {
    if (body.kind() != RequestBody.Kind.FILE) {
      return body.contentLength();
    }
    try {
      return Files.size(body.path());
    } catch (IOException e) {
      return -1;
    }
  }

  /** Escapes a name or filename as HTML's form encoding does: quote, CR and LF percent-encoded. */
  static String escape(String value) {
    return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** 32 random hex digits after a prefix that cannot occur in form-urlencoded or base64 text. */
  static String randomToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "gust-" + ByteString.of(bytes).hex();
  }
}

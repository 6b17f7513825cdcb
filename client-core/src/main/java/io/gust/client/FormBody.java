package io.gust.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okio.Buffer;

/**
 * Builds an HTML form's body: {@code application/x-www-form-urlencoded}, names and values encoded
 * as UTF-8 and percent-encoded as browsers do (a space becomes {@code +}; letters, digits and
 * {@code *-._} stay as they are). The result is an ordinary in-memory {@link RequestBody}, so it
 * can be sent again on a retry or a 307/308 redirect.
 *
 * <pre>{@code
 * client.fetch(HttpRequest.newBuilder(url)
 *     .post(FormBody.builder().add("user", "ada").add("note", "a&b c").build()).build());
 * }</pre>
 */
public final class FormBody {
  /** The media type sent as Content-Type. */
  public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

  private FormBody() {}

  /** Returns an empty form builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects a form's fields in order; a name may repeat. Not thread-safe. */
  public static final class Builder {
    private final Buffer encoded = new Buffer();

    private Builder() {}

    /** Adds the field {@code name=value}. */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (encoded.size() > 0) {
        encoded.writeByte('&');
      }
      encode(name, encoded);
      encoded.writeByte('=');
      encode(value, encoded);
      return this;
    }

    /** Returns the body, of the fields added so far. */
    public RequestBody build() {
      return RequestBody.of(encoded.snapshot(), CONTENT_TYPE);
    }
  }

  /** Appends {@code text} in the form-urlencoded byte serialization of the WHATWG URL standard. */
  static void encode(String text, Buffer out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == ' ') {
        out.writeByte('+');
      } else if (isUnreserved(c)) {
        out.writeByte(c);
      } else {
        out.writeByte('%').writeByte(hex(c >>> 4)).writeByte(hex(c & 0xf));
      }
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '*' || c == '-' || c == '.' || c == '_';
  }

  private static int hex(int digit) {
    return digit < 10 ? '0' + digit : 'A' + digit - 10;
  }
}

package io.gust.client;

import io.gust.http2.HeaderField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a request onto an HTTP/2 header list (RFC 9113 §8.3.1) and a decoded field list back onto
 * {@link Headers}. The request gets the same fields the HTTP/1.1 writer adds (User-Agent,
 * Accept-Encoding, Content-Type, Content-Length); Host becomes {@code :authority}, and the
 * connection-specific fields HTTP/2 forbids (Connection, Keep-Alive, Proxy-Connection,
 * Transfer-Encoding, Upgrade, a TE other than {@code trailers}) are left out, as is Expect,
 * since the body follows the head at once. Names go lower-case.
 */
final class Http2RequestHead {
  private Http2RequestHead() {}

  /** The request's header list, announcing {@code contentLength} (-1: unknown or no body). */
  static List<HeaderField> fields(HttpRequest request, ClientConfig config, long contentLength) {
    Headers headers = request.headers();
    List<HeaderField> fields = new ArrayList<>(headers.size() + 8);
    String host = headers.get("Host");
    fields.add(new HeaderField(":method", request.method()));
    fields.add(new HeaderField(":scheme", request.isHttps() ? "https" : "http"));
    fields.add(new HeaderField(":authority", host != null ? host : request.hostHeader()));
    fields.add(new HeaderField(":path", request.requestTarget()));
    for (int i = 0, size = headers.size(); i < size; i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      if (isSent(name, headers.value(i))) {
        fields.add(new HeaderField(name, headers.value(i)));
      }
    }
    if (headers.get("User-Agent") == null && config.userAgent != null) {
      fields.add(new HeaderField("user-agent", config.userAgent));
    }
    if (config.decompress(request)) {
      fields.add(new HeaderField("accept-encoding", "gzip, deflate"));
    }
    RequestBody body = request.body();
    if (body != null && body.contentType() != null && headers.get("Content-Type") == null) {
      fields.add(new HeaderField("content-type", body.contentType()));
    }
    if (contentLength >= 0) {
      fields.add(new HeaderField("content-length", Long.toString(contentLength)));
    }
    return fields;
  }

  private static boolean isSent(String name, String value) {
    switch (name) {
      case "host":
      case "connection":
      case "keep-alive":
      case "proxy-connection":
      case "transfer-encoding":
      case "upgrade":
      case "content-length":
      case "expect":
        return false;
      case "te":
        return value.trim().equalsIgnoreCase("trailers");
      default:
        return true;
    }
  }

  /** The regular fields of a decoded list, from index {@code from} (past the pseudo-fields). */
  static Headers headers(List<HeaderField> fields, int from) {
    Headers.Builder builder = new Headers.Builder();
    for (int i = from, n = fields.size(); i < n; i++) {
      HeaderField field = fields.get(i);
      if (!field.isPseudo()) {
        builder.add(field.name(), field.value());
      }
    }
    return builder.build();
  }
}

package io.gust.server;

import io.gust.client.Headers;
import io.gust.http2.ErrorCode;
import io.gust.http2.HeaderField;
import io.gust.http2.Http2Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts between HTTP/2 field lists and the server's message model, so that a handler sees an
 * HTTP/2 request as it would see the same request over HTTP/1.1: the {@code :authority} becomes
 * {@code Host}, split {@code cookie} fields are joined with "; " (RFC 9113 §8.2.3), and the
 * response loses the fields HTTP/2 forbids (connection-specific ones) while the server adds
 * {@code content-length}, {@code date} and {@code server} as it does over HTTP/1.1. Stateless.
 */
final class Http2Fields {
  /** Fields of a response that HTTP/2 forbids or the server owns; dropped from handlers' fields. */
  private static final List<String> DROPPED = List.of("connection", "keep-alive",
      "proxy-connection", "transfer-encoding", "upgrade", "content-length", "date", "server");

  private Http2Fields() {}

  /** The request's pseudo-header {@code name} (such as ":path"), or null. */
  static String pseudo(List<HeaderField> fields, String name) {
    for (int i = 0, n = fields.size(); i < n && fields.get(i).isPseudo(); i++) {
      if (fields.get(i).name().equals(name)) {
        return fields.get(i).value();
      }
    }
    return null;
  }

  /**
   * The regular fields of a checked request head as {@link Headers}, with {@code Host} from
   * {@code :authority} when the client sent no {@code host}.
   *
   * @throws Http2Exception a stream error for a value the HTTP/1.1 model cannot hold
   */
  static Headers requestHeaders(int streamId, List<HeaderField> fields) throws Http2Exception {
    Headers.Builder builder = new Headers.Builder();
    StringBuilder cookies = null;
    boolean host = false;
    try {
      for (HeaderField field : fields) {
        if (field.isPseudo()) {
          continue;
        }
        if (field.name().equals("cookie")) {
          cookies = cookies == null ? new StringBuilder(field.value())
              : cookies.append("; ").append(field.value());
          continue;
        }
        host |= field.name().equals("host");
        builder.add(field.name(), field.value());
      }
      if (cookies != null) {
        builder.add("cookie", cookies.toString());
      }
      String authority = pseudo(fields, ":authority");
      if (!host && authority != null) {
        builder.add("host", authority);
      }
    } catch (IllegalArgumentException e) {
      throw Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR,
          "malformed message: " + e.getMessage());
    }
    return builder.build();
  }

  /**
   * The fields of a response head: {@code :status}, the handler's fields in lower case without
   * those HTTP/2 forbids, then {@code content-length} when {@code length} is known and the
   * status allows a body, {@code date} and {@code server}.
   */
  static List<HeaderField> responseHead(Response response, long length, ServerContext context) {
    Headers headers = response.headers();
    List<HeaderField> fields = new ArrayList<>(headers.size() + 4);
    fields.add(new HeaderField(":status", Integer.toString(response.code())));
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      if (!DROPPED.contains(name)) {
        fields.add(new HeaderField(name, headers.value(i)));
      }
    }
    if (length >= 0 && Response.allowsBody(response.code())) {
      fields.add(new HeaderField("content-length", Long.toString(length)));
    }
    fields.add(new HeaderField("date", HttpDate.now()));
    fields.add(new HeaderField("server", context.serverName));
    return fields;
  }

  /** The fields of a trailing HEADERS frame: {@code trailers} with their names in lower case. */
  static List<HeaderField> trailers(Headers trailers) {
    List<HeaderField> fields = new ArrayList<>(trailers.size());
    for (int i = 0, n = trailers.size(); i < n; i++) {
      fields.add(new HeaderField(trailers.name(i).toLowerCase(Locale.ROOT), trailers.value(i)));
    }
    return fields;
  }
}

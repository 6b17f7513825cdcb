package io.gust.samples;

import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.RequestBody;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The requests {@code fetch} sends: the first from curl's options, then the one that follows
 * each redirect by curl's rules. Pure: no I/O.
 */
final class FetchRequests {
  private static final String FORM = "application/x-www-form-urlencoded";

  private FetchRequests() {}

  /**
   * The first request: -I makes a HEAD, -d a POST of a form (as curl labels it, unless -H sets a
   * Content-Type), -X renames the method; curl's {@code Accept: *}{@code /*} unless -H sets one.
   * A header given with an empty value is left out, as curl drops such a header. Header values
   * go out as the bytes of the command line (UTF-8), as curl sends them.
   */
  static HttpRequest first(CurlOptions options, URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    byte[] data = options.body();
    String method = options.method != null ? options.method
        : options.head ? "HEAD" : data != null ? "POST" : "GET";
    RequestBody body = data != null ? RequestBody.of(data)
        : needsBody(method) ? RequestBody.of(new byte[0]) : null;
    request.method(method, body);
    boolean accept = false;
    boolean contentType = false;
    for (String[] header : options.headers) {
      if (!header[1].isEmpty()) {
        request.header(header[0], asCommandLineBytes(header[1]));
        accept |= header[0].equalsIgnoreCase("Accept");
        contentType |= header[0].equalsIgnoreCase("Content-Type");
      }
    }
    if (!accept) {
      request.header("Accept", "*/*");
    }
    if (data != null && !contentType) {
      request.header("Content-Type", FORM);
    }
    return request.build();
  }

  /**
   * The value whose ISO-8859-1 encoding (how header values travel) is the UTF-8 encoding of
   * {@code value}: so {@code -H 'X: café €'} sends the bytes curl would, not refused or re-encoded.
   */
  private static String asCommandLineBytes(String value) {
    return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static boolean needsBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  /** Whether curl -L follows this response: 301, 302, 303, 307 or 308 with a Location. */
  static boolean isRedirect(HttpResponse head) {
    int code = head.code();
    boolean redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    return redirect && head.header("Location") != null;
  }

  /**
   * The request after {@code response}: a 303 (unless HEAD) and a 301 or 302 after a POST become
   * a bodiless GET, unless -X named the method ({@code customMethod}), which curl keeps; 307 and
   * 308 repeat the request. Credentials set with -H stay on the original host and port. Throws
   * IllegalArgumentException for a Location that is not a usable URL.
   */
  static HttpRequest next(HttpRequest current, HttpResponse response, boolean customMethod) {
    URI target = current.uri().resolve(response.header("Location").trim());
    HttpRequest.Builder next = current.newBuilder().uri(target);
    int code = response.code();
    String method = current.method();
    boolean toGet = (code == 303 && !method.equals("HEAD"))
        || ((code == 301 || code == 302) && method.equals("POST"));
    if (toGet && !customMethod) {
      next.method("GET", null).removeHeader("Content-Type");
    }
    HttpRequest built = next.build();
    if (!Objects.equals(built.host(), current.host()) || built.port() != current.port()) {
      return built.newBuilder().removeHeader("Authorization").removeHeader("Cookie").build();
    }
    return built;
  }
}

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
  /** The library's default User-Agent, sent by fetch itself so that -H can place or drop it. */
  private static final String USER_AGENT = "Gust/0.1";

  private FetchRequests() {}

  /**
   * The first request, its fields in curl's order: Authorization (from {@code credentials}, the
   * -u or URL ones, if any), User-Agent, Accept, the -H fields, then Content-Type for -d data.
   * -I makes a HEAD, -d a POST of a form, -X renames the method. A -H field replaces the default
   * of its name; a -H removal ({@code "Name:"}) drops it, as curl drops its internal fields.
   * Header values go out as the bytes of the command line (UTF-8), as curl sends them.
   */
  static HttpRequest first(CurlOptions options, URI uri, String credentials) {
    return first(options, uri, credentials, null);
  }

  /** The first request, as above, posting {@code form} (the -F body) when it is not null. */
  static HttpRequest first(CurlOptions options, URI uri, String credentials, RequestBody form) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    byte[] data = options.body();
    String method = options.method != null ? options.method
        : options.head ? "HEAD" : data != null || form != null ? "POST" : "GET";
    request.method(method, form != null ? form
        : data != null ? RequestBody.of(data) : emptyIfNeeded(method));
    defaultField(request, options, "Authorization", credentials);
    defaultField(request, options, "User-Agent", USER_AGENT);
    defaultField(request, options, "Accept", "*/*");
    for (CurlOptions.CustomHeader header : options.headers) {
      if (!header.removes()) {
        request.header(header.name(), commandLineBytes(header.value()));
      }
    }
    defaultField(request, options, "Content-Type", data != null ? FORM : null);
    return request.build();
  }

  /**
   * The value whose ISO-8859-1 encoding (how header values travel) is the UTF-8 encoding of
   * {@code value}: so {@code -H 'X: café €'} sends the bytes curl would, not refused or re-encoded.
   */
  static String commandLineBytes(String value) {
    return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static void defaultField(HttpRequest.Builder request, CurlOptions options, String name,
      String value) {
    if (value != null && !options.hasHeader(name)) {
      request.header(name, value);
    }
  }

  /** Gust sends POST, PUT and PATCH with a body, so an empty one stands in where curl has none. */
  private static RequestBody emptyIfNeeded(String method) {
    return needsBody(method) ? RequestBody.of(new byte[0]) : null;
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
   * Whether curl turns a POST of -d data into a bodiless request after {@code code}: after 301,
   * 302 and 303, unless --post301, --post302 or --post303 says to keep posting. The method stays
   * what -X named, else it becomes GET; a HEAD stays a HEAD, anything else keeps its method.
   */
  static boolean dropsBody(int code, boolean posting, CurlOptions options) {
    return posting && switch (code) {
      case 301 -> !options.post301;
      case 302 -> !options.post302;
      case 303 -> !options.post303;
      default -> false;
    };
  }

  /**
   * The request after {@code response}: without its body when {@code dropBody} (see {@link
   * #dropsBody}), else repeated with a new URI. Credentials stay on the original host and port,
   * as curl keeps them. Throws IllegalArgumentException for a Location that is not a usable URL.
   */
  static HttpRequest next(HttpRequest current, HttpResponse response, boolean dropBody,
      CurlOptions options) {
    URI target = current.uri().resolve(response.header("Location").trim());
    HttpRequest.Builder next = current.newBuilder().uri(target);
    if (dropBody) {
      String method = options.method != null ? options.method : "GET";
      next.method(method, emptyIfNeeded(method));
      if (!options.hasHeader("Content-Type")) {
        next.removeHeader("Content-Type");
      }
    }
    HttpRequest built = next.build();
    if (!Objects.equals(built.host(), current.host()) || built.port() != current.port()) {
      return built.newBuilder().removeHeader("Authorization").removeHeader("Cookie").build();
    }
    return built;
  }
}

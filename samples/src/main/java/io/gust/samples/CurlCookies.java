package io.gust.samples;

import io.gust.client.CookieJar;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.MemoryCookieJar;
import io.gust.client.NetscapeCookieFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cookies of {@code fetch}, by curl's rules. A -b argument holding '=' is a cookie string
 * sent as it is (several joined with ';'); any other is a file in the Netscape format to read,
 * which turns the cookie engine on, as -c does. With the engine on, every response's Set-Cookie
 * fields (redirects and 401s included) are kept in a {@link MemoryCookieJar} and sent back; the
 * engine's cookies come first in the Cookie field, then the string. A -H Cookie field replaces
 * the string but not the engine's cookies, which then go in a field of their own. -c writes the
 * engine's cookies at the end. A file that is missing or not in the Netscape format is ignored.
 * Used on the main thread.
 */
final class CurlCookies {
  /** Null when the engine is off. */
  private final MemoryCookieJar jar;
  /** The -b strings joined, or null; dropped when -H sets Cookie. */
  private final String string;
  private final Path writeTo;

  private CurlCookies(MemoryCookieJar jar, String string, Path writeTo) {
    this.jar = jar;
    this.string = string;
    this.writeTo = writeTo;
  }

  /** Reads the -b files; blocks on file I/O. */
  static CurlCookies of(CurlOptions options) {
    List<String> strings = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String argument : options.cookies) {
      if (argument.indexOf('=') >= 0) {
        strings.add(argument);
      } else {
        files.add(Path.of(argument));
      }
    }
    boolean engine = !files.isEmpty() || options.cookieJar != null;
    MemoryCookieJar jar = engine ? MemoryCookieJar.create() : null;
    for (Path file : files) {
      load(jar, file);
    }
    String string = strings.isEmpty() || options.hasHeader("Cookie") ? null
        : String.join(";", strings);
    return new CurlCookies(jar, string, options.cookieJar);
  }

  private static void load(MemoryCookieJar jar, Path file) {
    if (file.toString().isEmpty()) {
      return;
    }
    try {
      jar.addAll(NetscapeCookieFile.read(file));
    } catch (NoSuchFileException e) {
      // curl starts with an empty engine when the file is not there.
    } catch (IOException e) {
      // Not a cookie file curl could read either; curl reads nothing from it.
    }
  }

  /** {@code request} with the engine's cookies for its URL, then the -b string. */
  HttpRequest apply(HttpRequest request) {
    String engine = jar == null ? null : CookieJar.header(jar.cookiesFor(request.uri()));
    String field = engine == null ? string : string == null ? engine : engine + "; " + string;
    return field == null ? request : request.newBuilder().header("Cookie", field).build();
  }

  /** Keeps {@code response}'s cookies when the engine is on. */
  void received(HttpResponse response) {
    List<String> fields = response.headers().values("Set-Cookie");
    if (jar != null && !fields.isEmpty()) {
      jar.save(response.request().uri(), fields);
    }
  }

  /** Writes the engine's cookies to the -c file, if any; blocks on file I/O. */
  void write() throws IOException {
    if (writeTo != null) {
      NetscapeCookieFile.write(jar.cookies(), writeTo);
    }
  }
}

package io.gust.samples;

import io.gust.client.Cookie;
import io.gust.client.CookieJar;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.client.MemoryCookieJar;
import io.gust.client.NetscapeCookieFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cookies of {@code fetch}, by curl's rules. A -b argument holding '=' is a cookie string
 * sent as it is (several joined with ';') on every request, redirects to other hosts included;
 * any other is a file in the Netscape format to read (or of raw {@code Set-Cookie:} header lines,
 * as curl also reads), which turns the cookie engine on, as -c does. With the engine on, every
 * response's Set-Cookie fields (redirects and 401s included) are kept in a {@link
 * MemoryCookieJar} and sent back; the engine's cookies come first in the Cookie field, in curl's
 * order, then the string. A -H Cookie field replaces the string but not the engine's cookies,
 * which then go in a field of their own. -c writes the engine's cookies at the end ({@code -c
 * -}: to stdout, after everything else). A file that is missing or not in the Netscape format is
 * ignored. Used on the main thread.
 */
final class CurlCookies {
  private static final String SET_COOKIE = "Set-Cookie:";
  /** Null when the engine is off. */
  private final MemoryCookieJar jar;
  /** The -b strings joined, or null; dropped when -H sets Cookie. */
  private final String string;
  private final Path writeTo;
  /** The -b files' raw Set-Cookie field values, kept at the first request. */
  private final List<String> headerLines = new ArrayList<>();
  /** Cookies from those lines without a Domain, which -c does not write (as in curl). */
  private final Set<Cookie> unwritten = new HashSet<>();
  /** Cookies from those lines without a Path, which curl sends after those with one. */
  private final Set<Cookie> pathless = new HashSet<>();

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
    CurlCookies cookies = new CurlCookies(jar, strings.isEmpty() || options.hasHeader("Cookie")
        ? null : String.join(";", strings), options.cookieJar);
    for (Path file : files) {
      load(jar, file, cookies.headerLines);
    }
    return cookies;
  }

  private static void load(MemoryCookieJar jar, Path file, List<String> headerLines) {
    if (file.toString().isEmpty()) {
      return;
    }
    try {
      StringBuilder netscape = new StringBuilder();
      for (String line : Files.readAllLines(file)) {
        if (line.regionMatches(true, 0, SET_COOKIE, 0, SET_COOKIE.length())) {
          headerLines.add(line.substring(SET_COOKIE.length()).trim());
        } else {
          netscape.append(line).append('\n');
        }
      }
      jar.addAll(NetscapeCookieFile.read(new StringReader(netscape.toString())));
    } catch (NoSuchFileException e) {
      // curl starts with an empty engine when the file is not there.
    } catch (IOException e) {
      // Not a cookie file curl could read either; curl reads nothing from it.
    }
  }

  /**
   * Keeps the files' Set-Cookie lines, in order, as if the first request's host had sent them for
   * path "/". curl keeps a line without Domain for every host and never writes it to -c's file;
   * here it is the first host's, and kept out of -c's file unless a server replaces it.
   */
  private void saveHeaderLines(URI first) {
    URI root = URI.create(first.getScheme() + "://" + first.getRawAuthority() + "/");
    for (String line : headerLines) {
      String lower = line.toLowerCase(Locale.ROOT);
      Set<Cookie> before = new HashSet<>(jar.cookies());
      jar.save(root, List.of(line));
      for (Cookie cookie : jar.cookies()) {
        if (!before.contains(cookie)) {
          if (!lower.matches("(?s).*;\\s*domain\\s*=.*")) {
            unwritten.add(cookie);
          }
          if (!lower.matches("(?s).*;\\s*path\\s*=.*")) {
            pathless.add(cookie);
          }
        }
      }
    }
    headerLines.clear();
  }

  /** {@code request} with the engine's cookies for its URL, then the -b string. */
  HttpRequest apply(HttpRequest request) {
    if (!headerLines.isEmpty()) {
      saveHeaderLines(request.uri());
    }
    String engine = null;
    if (jar != null) {
      List<Cookie> cookies = new ArrayList<>(jar.cookiesFor(request.uri()));
      cookies.sort(curlOrder());
      engine = CookieJar.header(cookies);
    }
    String field = engine == null ? string : string == null ? engine : engine + "; " + string;
    return field == null ? request : request.newBuilder().header("Cookie", field).build();
  }

  /**
   * curl's order in the Cookie field: longer path first, then longer domain, then longer name,
   * then older; a raw Set-Cookie line's missing Path or Domain counts as empty, as in curl.
   */
  private Comparator<Cookie> curlOrder() {
    return Comparator.<Cookie>comparingInt(c -> pathless.contains(c) ? 0 : -c.path().length())
        .thenComparingInt(c -> unwritten.contains(c) ? 0 : -c.domain().length())
        .thenComparingInt(c -> -c.name().length());
  }

  /** Keeps {@code response}'s cookies when the engine is on. */
  void received(HttpResponse response) {
    List<String> fields = response.headers().values("Set-Cookie");
    if (jar != null && !fields.isEmpty()) {
      jar.save(response.request().uri(), fields);
    }
  }

  /** Writes the engine's cookies to the -c file, if any and not "-"; blocks on file I/O. */
  void write() throws IOException {
    if (writeTo != null && !toStdout()) {
      NetscapeCookieFile.write(written(), writeTo);
    }
  }

  /** The engine's cookies that -c writes. */
  private List<Cookie> written() {
    List<Cookie> written = new ArrayList<>(jar.cookies());
    written.removeAll(unwritten);
    return written;
  }

  /** Whether -c names "-": the jar goes to stdout at the very end, after -w's text. */
  boolean toStdout() {
    return writeTo != null && writeTo.toString().equals("-");
  }

  /** The engine's cookies in the Netscape format, as -c writes them. */
  String jarText() {
    StringWriter text = new StringWriter();
    try {
      NetscapeCookieFile.write(written(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}

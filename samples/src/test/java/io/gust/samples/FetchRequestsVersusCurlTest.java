package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.server.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test of what {@code fetch} sends and where it writes: credentials, -H fields,
 * the method and body after each redirect, -f, and -i/-I with -o, each against the real curl
 * (see {@link Differential}). Skipped when curl is missing, unless CI=true.
 *
 * <p>The echoed request fields are compared as sorted "name: value" lines with the User-Agent
 * value masked: curl and Gust order their own fields differently and curl writes a -H line as
 * typed, where Gust writes one space after the colon.
 */
@Timeout(60)
class FetchRequestsVersusCurlTest {
  private static RawServer raw;
  /** A second raw server: the same host on another port. */
  private static RawServer otherPort;
  private static HttpServer companion;

  @BeforeAll
  static void startServers() throws IOException {
    Differential.requireCurl();
    raw = new RawServer();
    otherPort = new RawServer();
    otherPort.on("/cookie", (request, out, socket) -> text(out, field(request, "cookie") + "\n"));
    raw.on("/method", (request, out, socket) -> text(out,
            request.method() + " " + request.bodyString() + "\n"))
        .on("/auth", (request, out, socket) -> text(out, field(request, "authorization") + "\n"))
        .on("/cookie", (request, out, socket) -> text(out, field(request, "cookie") + "\n"))
        .on("/ip-domain", "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Domain=127.0.0.1\r\n"
            + "Set-Cookie: b=2; Domain=.127.0.0.1\r\nSet-Cookie: c=3\r\n"
            + "Set-Cookie: d=4; Domain=127.0.0\r\nContent-Length: 0\r\n\r\n")
        .on("/fields", (request, out, socket) -> text(out, fields(request)))
        .on("/length", "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-Case: yes\r\n\r\nhello\n");
    for (int code : new int[] {301, 302, 303, 307, 308}) {
      redirect("/" + code, code, "/method");
    }
    redirect("/to-auth", 302, "/auth");
    redirect("/to-other-host", 302, "http://localhost:" + raw.port() + "/auth");
    redirect("/cookie-elsewhere", 302, "http://localhost:" + raw.port() + "/cookie");
    redirect("/cookie-other-port", 302, "http://127.0.0.1:" + otherPort.port() + "/cookie");
    companion = HttpServer.builder().testRoutes().build().start();
  }

  @AfterAll
  static void stopServers() throws IOException {
    if (raw != null) {
      raw.close();
      otherPort.close();
      companion.close();
    }
  }

  static Stream<Arguments> credentials() {
    return Stream.of(
        Arguments.of("urlCredentials", "u:p@", "/auth", List.of()),
        Arguments.of("urlUserWithoutPassword", "u@", "/auth", List.of()),
        Arguments.of("urlEscapedCredentials", "u%40x:p%3Aq@", "/auth", List.of()),
        Arguments.of("userOption", "", "/auth", List.of("-u", "bob:secret")),
        Arguments.of("userOptionPasswordWithColon", "", "/auth", List.of("-u", "a:b:c")),
        Arguments.of("userOptionWinsOverUrl", "u:p@", "/auth", List.of("-u", "x:y")),
        Arguments.of("userWithoutPasswordAndNoTerminal", "", "/auth", List.of("-u", "bob")),
        Arguments.of("headerWinsOverUser", "", "/auth",
            List.of("-u", "a:b", "-H", "Authorization: Bearer t")),
        Arguments.of("headerRemovesUser", "", "/auth", List.of("-u", "a:b", "-H", "Authorization:")),
        Arguments.of("sameHostRedirectKeepsThem", "u:p@", "/to-auth", List.of("-L")),
        Arguments.of("otherHostRedirectDropsThem", "", "/to-other-host",
            List.of("-L", "-u", "a:b")));
  }

  /** Regression: URL credentials were dropped, and there was no -u. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("credentials")
  void sendsCredentialsAsCurlDoes(String name, String userInfo, String path,
      List<String> options) throws Exception {
    assertAgree(options, "http://" + userInfo + "127.0.0.1:" + raw.port() + path);
  }

  static Stream<Arguments> cookies() throws IOException {
    Path lines = Files.createTempFile("gust-set-cookie", ".txt");
    lines.toFile().deleteOnExit();
    Files.writeString(lines, "Set-Cookie: h=1\nSet-Cookie: i=2; Path=/\n"
        + "Set-Cookie: j=3; Domain=127.0.0.1\n");
    Path names = Files.createTempFile("gust-set-cookie", ".txt");
    names.toFile().deleteOnExit();
    Files.writeString(names, "Set-Cookie: a=1; Path=/\nSet-Cookie: bbb=2; Path=/\n"
        + "Set-Cookie: cc=3; Path=/cookie\nSet-Cookie: dd=4; Path=/; Domain=127.0.0.1\n");
    return Stream.of(
        Arguments.of("dataToAnotherHost", "/cookie-elsewhere", List.of("-L", "-b", "x=1; y=2")),
        Arguments.of("dataToAnotherPort", "/cookie-other-port", List.of("-L", "-b", "x=1")),
        Arguments.of("dataWithHeaderToAnotherHost", "/cookie-elsewhere",
            List.of("-L", "-b", "x=1", "-H", "Cookie: h=2")),
        Arguments.of("linesToAnotherHost", "/cookie-elsewhere",
            List.of("-L", "-b", lines.toString())),
        Arguments.of("linesToAnotherPort", "/cookie-other-port",
            List.of("-L", "-b", lines.toString())),
        Arguments.of("linesInCurlsOrder", "/cookie-other-port",
            List.of("-L", "-b", names.toString())),
        Arguments.of("linesAndData", "/cookie-elsewhere",
            List.of("-L", "-b", lines.toString(), "-b", "x=1")));
  }

  /**
   * -b data goes on every hop, -b files' raw Set-Cookie lines to the first host only (any port),
   * in curl's order (a line without Path after those with one).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cookies")
  void sendsCommandLineCookiesAsCurlDoes(String name, String path, List<String> options)
      throws Exception {
    assertAgree(options, raw.url(path));
  }

  /** Regression: Domain=127.0.0.1 from 127.0.0.1 made a domain cookie; curl keeps it host-only. */
  @Test
  void anIpAddressDomainIsHostOnlyInTheCookieFile(@TempDir Path dir) throws Exception {
    Path byCurl = dir.resolve("curl.txt");
    Path byFetch = dir.resolve("fetch.txt");
    String url = raw.url("/ip-domain");
    Differential.Outcome curl = Differential.curl(List.of("-c", byCurl.toString()), url);
    Differential.Outcome fetch = Differential.fetch(List.of("-c", byFetch.toString()), url);
    assertEquals(curl.render(), fetch.render());
    assertEquals(cookieLines(byCurl), cookieLines(byFetch));
    assertEquals(List.of("127.0.0.1\tFALSE\t/\tFALSE\t0\ta\t1",
        "127.0.0.1\tFALSE\t/\tFALSE\t0\tb\t2", "127.0.0.1\tFALSE\t/\tFALSE\t0\tc\t3"),
        cookieLines(byFetch));
  }

  /** A cookie file's cookie lines, sorted. */
  private static List<String> cookieLines(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().toList();
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        List.of("-H", "Accept:"),
        List.of("-H", "X-Empty;"),
        List.of("-H", "User-Agent:"),
        List.of("-H", "Accept:", "-H", "X-Empty;", "-H", "User-Agent:"),
        List.of("-H", "Accept;"),
        List.of("-H", "Accept: text/html", "-H", "X-A: 1"),
        List.of("-H", "X-A: 1", "-H", "x-a: 2", "-H", "X-A:"),
        List.of("-H", "X-Blank:   "),
        List.of("-H", "X-Ignored;x", "-H", "NoColon", "-H", ":x"),
        List.of("-d", "a=1", "-H", "Content-Type:"),
        List.of("-d", "a=1", "-H", "Content-Type;"),
        List.of("-d", "a=1", "-H", "Content-Type: text/plain")).map(Arguments::of);
  }

  /** Regression: "Accept:" did not remove the default Accept and "X-Empty;" was refused. */
  @ParameterizedTest
  @MethodSource("headers")
  void sendsHeaderFieldsAsCurlDoes(List<String> options) throws Exception {
    assertAgree(options, raw.url("/fields"));
  }

  static Stream<Arguments> redirects() {
    List<Arguments> cases = new ArrayList<>();
    List<List<String>> requests = List.of(List.of("-d", "a=1"), List.of("-X", "POST", "-d", "a=1"),
        List.of("-X", "PUT", "-d", "a=1"), List.of("-X", "POST"), List.of("-X", "DELETE"),
        List.of("-d", "a=1", "--post301", "--post302", "--post303"),
        List.of("-X", "PUT", "-d", "a=1", "--post303"));
    for (int code : new int[] {301, 302, 303, 307, 308}) {
      for (List<String> request : requests) {
        List<String> options = new ArrayList<>(request);
        options.add("-L");
        cases.add(Arguments.of(code, options));
      }
    }
    return cases.stream();
  }

  /** Regression: -L -X POST -d re-sent the body after 301, 302 and 303. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("redirects")
  void followsRedirectsWithCurlsMethodAndBody(int code, List<String> options) throws Exception {
    assertAgree(options, raw.url("/" + code));
  }

  static Stream<Arguments> failCases() {
    return Stream.of(
        Arguments.of("/status/404", List.of("-f")),
        Arguments.of("/status/500", List.of("--fail", "-i")),
        Arguments.of("/status/401", List.of("-f", "-D", "-")),
        Arguments.of("/status/399", List.of("-f")),
        Arguments.of("/status/200", List.of("-f")),
        Arguments.of("/redirect/1", List.of("-f")),
        Arguments.of("/bytes/100000", List.of("-f", "-L")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("failCases")
  void failsOnErrorStatusesAsCurlDoes(String path, List<String> options) throws Exception {
    assertAgree(options, companion.url(path).toString());
  }

  /** Regression: -i and -I with -o wrote the head to stdout instead of into the file. */
  @Test
  void headsGoIntoTheOutputFileBeforeTheBody(@TempDir Path dir) throws Exception {
    for (List<String> flags : List.of(List.of("-i"), List.of("-I"), List.of("-i", "-D", "-"))) {
      Path byCurl = dir.resolve("curl.out");
      Path byFetch = dir.resolve("fetch.out");
      List<String> curlOptions = new ArrayList<>(flags);
      curlOptions.addAll(List.of("-o", byCurl.toString()));
      List<String> fetchOptions = new ArrayList<>(flags);
      fetchOptions.addAll(List.of("-o", byFetch.toString()));
      Differential.Outcome curl = Differential.curl(curlOptions, raw.url("/length"));
      Differential.Outcome fetch = Differential.fetch(fetchOptions, raw.url("/length"));
      assertEquals(curl.render(), fetch.render(), flags + ": " + fetch.stderr());
      assertEquals(Files.readString(byCurl), Files.readString(byFetch), flags.toString());
    }
  }

  @Test
  void failWithOutputFileCreatesNoFile(@TempDir Path dir) throws Exception {
    Path byCurl = dir.resolve("curl.out");
    Path byFetch = dir.resolve("fetch.out");
    String url = companion.url("/status/404").toString();
    Differential.Outcome curl = Differential.curl(List.of("-f", "-o", byCurl.toString()), url);
    Differential.Outcome fetch = Differential.fetch(List.of("-f", "-o", byFetch.toString()), url);
    assertEquals(curl.render(), fetch.render());
    assertEquals(Files.exists(byCurl), Files.exists(byFetch));
  }

  private static void redirect(String path, int code, String location) {
    raw.on(path, "HTTP/1.1 " + code + " Moved\r\nLocation: " + location
        + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  }

  /** The request's fields, one "name: value" line each, sorted; User-Agent's value masked. */
  private static String fields(RawServer.Request request) {
    List<String> lines = new ArrayList<>();
    String[] head = request.head().split("\r\n");
    lines.add(head[0]);
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      String name = head[i].substring(0, colon).toLowerCase(Locale.ROOT);
      String value = name.equals("user-agent") ? "(masked)" : head[i].substring(colon + 1).trim();
      lines.add(name + ": " + value);
    }
    lines.subList(1, lines.size()).sort(null);
    return String.join("\n", lines) + "\n";
  }

  private static String field(RawServer.Request request, String name) {
    for (String line : request.head().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return "(none)";
  }

  private static void text(OutputStream out, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
    out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + bytes.length
        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
  }
}

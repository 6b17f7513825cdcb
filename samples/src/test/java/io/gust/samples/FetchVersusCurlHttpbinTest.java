package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Httpbin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * The differential test of {@code fetch}'s -u, --basic, --digest, --anyauth, -b, -c and -F (also
 * -c -, raw Set-Cookie lines in a -b file, a Digest retry of a -F body): the real curl and fetch
 * against the same httpbin (under gunicorn), agreeing on the exit code and every stdout byte
 * (a jar's comment lines aside, its lines compared as a set), with Date values, Digest nonces and opaque values masked (both sides draw
 * fresh ones). Skipped when curl or httpbin is missing, unless CI=true.
 */
@Timeout(120)
class FetchVersusCurlHttpbinTest {
  private static final Pattern SERVER_RANDOM =
      Pattern.compile("(nonce|opaque|last_nonce)(=\"?)[0-9a-f]+");
  private static Httpbin httpbin;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    Differential.requireCurl();
    httpbin = Httpbin.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (httpbin != null) {
      httpbin.close();
    }
  }

  static Stream<Arguments> cases() {
    String digest = "/digest-auth/auth/user/passwd/";
    return Stream.of(
        Arguments.of("/basic-auth/user/passwd", List.of("-i", "-u", "user:passwd")),
        Arguments.of("/basic-auth/user/passwd", List.of("-i", "--basic", "-u", "user:wrong")),
        Arguments.of("/basic-auth/user/passwd", List.of("-i")),
        Arguments.of(digest + "MD5", List.of("-i", "--digest", "-u", "user:passwd")),
        Arguments.of(digest + "SHA-256", List.of("-i", "--digest", "-u", "user:passwd")),
        Arguments.of("/digest-auth/auth-int/user/passwd/MD5",
            List.of("--digest", "-u", "user:passwd")),
        Arguments.of(digest + "MD5", List.of("-i", "--digest", "-u", "user:wrong")),
        Arguments.of(digest + "MD5", List.of("-i", "--digest")),
        Arguments.of(digest + "MD5", List.of("-i", "--anyauth", "-u", "user:passwd")),
        Arguments.of("/basic-auth/user/passwd", List.of("-i", "--anyauth", "-u", "user:passwd")),
        Arguments.of("/basic-auth/user/passwd", List.of("-i", "--digest", "-u", "user:passwd")),
        Arguments.of("/hidden-basic-auth/user/passwd", List.of("-i", "-u", "user:passwd")),
        Arguments.of("/hidden-basic-auth/user/passwd", List.of("-i", "--digest", "-u", "u:p")),
        Arguments.of("/cookies", List.of("-b", "a=1; b=2")),
        Arguments.of("/cookies", List.of("-b", "a=1", "-b", "b=2")),
        Arguments.of("/cookies/set?k=v", List.of("-L", "-i", "-b", "a=1")),
        Arguments.of("/cookies/set?k=v", List.of("-L", "-b", "")),
        Arguments.of("/redirect-to?url=/cookies", List.of("-L", "-b", "x=1")),
        Arguments.of("/headers", List.of("-H", "User-Agent: t", "-b", "a=1", "-H", "Cookie: h=3")),
        Arguments.of("/post", List.of("-F", "a=1", "-d", "x")),
        Arguments.of("/post", List.of("-F", "novalue")),
        Arguments.of("/post", List.of("-F", "f=@/nonexistent/gust-file")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void agreesWithCurl(String path, List<String> options) throws Exception {
    assertAgreeMasked(options, httpbin.url(path));
  }

  private static void assertAgreeMasked(List<String> options, String url) throws Exception {
    Differential.Outcome curl = Differential.curl(options, url);
    Differential.Outcome fetch = Differential.fetch(options, url);
    assertEquals(masked(curl), masked(fetch),
        () -> "fetch stderr: " + fetch.stderr() + "\ncurl stderr: " + curl.stderr());
  }

  private static String masked(Differential.Outcome outcome) {
    return SERVER_RANDOM.matcher(outcome.render()).replaceAll("$1$2(masked)");
  }

  @Test
  void urlCredentialsServeDigestToo() throws Exception {
    String url = httpbin.url("/digest-auth/auth/user/passwd/MD5")
        .replace("http://", "http://user:passwd@");
    assertAgreeMasked(List.of("--digest"), url);
  }

  @Test
  void credentialsAndCookiesStayWithTheirOrigin() throws Exception {
    Path jar = writeCurlJar("k=v");
    String other = httpbin.url("/headers").replace("127.0.0.1", "localhost");
    assertAgreeMasked(List.of("-L", "-u", "user:passwd", "-b", jar.toString(), "-H",
        "User-Agent: t"), httpbin.url("/redirect-to?url=" + other));
    assertAgreeMasked(List.of("-L", "-u", "user:passwd", "-b", jar.toString(), "-H",
        "User-Agent: t"), httpbin.url("/redirect-to?url=/headers"));
    assertAgreeMasked(List.of("-L", "-u", "us@r:p:w", "-o", "/dev/null"),
        httpbin.url("/redirect-to?url=/get"));
  }

  @Test
  void cookieFileWrittenByCurlIsReadAndTheJarsAgree() throws Exception {
    Path jar = writeCurlJar("k=v&z=9");
    assertAgreeMasked(List.of("-b", jar.toString()), httpbin.url("/cookies"));
    Path curlOut = dir.resolve("curl.txt");
    Path fetchOut = dir.resolve("fetch.txt");
    String url = httpbin.url("/cookies/set?n=1&k=changed");
    assertEquals(Differential.curl(List.of("-L", "-b", jar.toString(), "-c",
        curlOut.toString()), url).render(),
        Differential.fetch(List.of("-L", "-b", jar.toString(), "-c", fetchOut.toString()), url)
            .render());
    assertEquals(cookieLines(curlOut), cookieLines(fetchOut));
    assertEquals(Set.of("127.0.0.1\tFALSE\t/\tFALSE\t0\tk\tchanged",
        "127.0.0.1\tFALSE\t/\tFALSE\t0\tz\t9", "127.0.0.1\tFALSE\t/\tFALSE\t0\tn\t1"),
        cookieLines(fetchOut));
  }

  /** curl's own cookie file after {@code /cookies/set?query}. */
  private Path writeCurlJar(String query) throws Exception {
    Path jar = dir.resolve("jar-" + query.hashCode() + ".txt");
    Differential.curl(List.of("-L", "-c", jar.toString(), "-o", "/dev/null"),
        httpbin.url("/cookies/set?" + query));
    return jar;
  }

  private static Set<String> cookieLines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("# ")).collect(Collectors.toSet());
  }

  @Test
  void multipartFormAgrees() throws Exception {
    Path upload = Files.writeString(dir.resolve("up.txt"), "hello\nfile\n");
    List<String> options = new ArrayList<>(List.of("-F", "a=1", "-F", "f=@" + upload
        + ";type=text/x-gust", "-F", "g=<" + upload, "-F", "h=@" + upload + ";filename=o.bin"));
    String url = httpbin.url("/post");
    Differential.Outcome curl = Differential.curl(options, url);
    Differential.Outcome fetch = Differential.fetch(options, url);
    assertEquals(formAndFiles(curl), formAndFiles(fetch), fetch.stderr());
  }

  /** The exit code and httpbin's echo of the form and files: the boundary differs. */
  private static String formAndFiles(Differential.Outcome outcome) {
    String out = new String(outcome.stdout(), StandardCharsets.UTF_8);
    Matcher files = Pattern.compile("\"files\": \\{[^}]*\\}").matcher(out);
    Matcher form = Pattern.compile("\"form\": \\{[^}]*\\}").matcher(out);
    return "exit " + outcome.exitCode() + " " + (files.find() ? files.group() : "no files")
        + " " + (form.find() ? form.group() : "no form");
  }

  /** Exit code and stdout up to the jar, then the jar's cookie lines as a set. */
  private static String withJar(Differential.Outcome outcome) {
    String out = new String(outcome.stdout(), StandardCharsets.UTF_8);
    int jar = out.indexOf("# Netscape HTTP Cookie File\n");
    if (jar < 0) {
      return "exit " + outcome.exitCode() + "\n" + out + "\n(no jar)";
    }
    Set<String> lines = Arrays.stream(out.substring(jar).split("\n"))
        .filter(line -> !line.isBlank() && !line.startsWith("# ")).collect(Collectors.toSet());
    return "exit " + outcome.exitCode() + "\n" + out.substring(0, jar) + "\n" + lines;
  }

  private static void assertJarsAgree(List<String> options, String url) throws Exception {
    Differential.Outcome curl = Differential.curl(options, url);
    Differential.Outcome fetch = Differential.fetch(options, url);
    assertEquals(withJar(curl), withJar(fetch), () -> "fetch stderr: " + fetch.stderr());
  }

  @Test
  void aJarNamedDashGoesToStdoutAfterEverythingElse() throws Exception {
    assertJarsAgree(List.of("-c", "-"), httpbin.url("/cookies/set?k=v&z=9"));
    assertJarsAgree(List.of("-L", "-c", "-", "-b", "a=1"), httpbin.url("/cookies/set?k=v"));
    assertJarsAgree(List.of("-c", "-", "-o", dir.resolve("body").toString()),
        httpbin.url("/cookies/set?k=v"));
    String out = new String(Differential.fetch(List.of("-c", "-"),
        httpbin.url("/cookies/set?k=v")).stdout(), StandardCharsets.UTF_8);
    assertTrue(out.endsWith("127.0.0.1\tFALSE\t/\tFALSE\t0\tk\tv\n"), out);
  }

  @Test
  void aFileOfRawSetCookieLinesIsRead() throws Exception {
    Path raw = Files.writeString(dir.resolve("raw.txt"), String.join("\n",
        "Set-Cookie: a=1; Path=/", "Set-Cookie: b=2",
        "set-cookie: c=3; Path=/nowhere", ""));
    assertAgreeMasked(List.of("-b", raw.toString()), httpbin.url("/cookies"));
    assertJarsAgree(List.of("-b", raw.toString(), "-c", "-"), httpbin.url("/cookies/set?k=v"));
    assertJarsAgree(List.of("-L", "-b", raw.toString(), "-c", "-"),
        httpbin.url("/cookies/set?a=changed"));
  }

  @Test
  void aDigestChallengeRetriesAFormBody() throws Exception {
    Path upload = Files.writeString(dir.resolve("up.txt"), "hello\nfile\n");
    List<String> form = List.of("--digest", "-u", "user:passwd", "-F", "a=1",
        "-F", "f=@" + upload);
    List<String> get = new ArrayList<>(form);
    get.addAll(List.of("-X", "GET"));
    assertAgreeMasked(get, httpbin.url("/digest-auth/auth/user/passwd/MD5"));
    String url = httpbin.url("/anything");
    assertEquals(formAndFiles(Differential.curl(form, url)),
        formAndFiles(Differential.fetch(form, url)));
  }
}

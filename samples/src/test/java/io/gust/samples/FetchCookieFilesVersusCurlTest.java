package io.gust.samples;

import static io.gust.samples.FetchVersusCurlHttpbinTest.assertAgreeMasked;
import static io.gust.samples.FetchVersusCurlHttpbinTest.formAndFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Httpbin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch -c -}, {@code -b} with a file of raw {@code Set-Cookie:} lines, and a {@code
 * --digest} retry of a {@code -F} body, against curl and the same httpbin. The jar's comment
 * lines (curl names libcurl there) are left out of the comparison, and its lines compared as a
 * set. Skipped when curl or httpbin is missing, unless CI=true.
 */
@Timeout(120)
class FetchCookieFilesVersusCurlTest {
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
    List<String> get = new java.util.ArrayList<>(form);
    get.addAll(List.of("-X", "GET"));
    assertAgreeMasked(get, httpbin.url("/digest-auth/auth/user/passwd/MD5"));
    String url = httpbin.url("/anything");
    assertEquals(formAndFiles(Differential.curl(form, url)),
        formAndFiles(Differential.fetch(form, url)));
  }
}

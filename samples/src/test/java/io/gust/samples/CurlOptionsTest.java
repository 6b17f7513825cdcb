package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CurlOptionsTest {
  private static final CurlOptions.DataReader FILES =
      path -> ("line1\r\nline2\n@" + path).getBytes(StandardCharsets.UTF_8);

  @Test
  void combinedShortFlagsAndAttachedValues() throws Exception {
    CurlOptions options = CurlOptions.parse(
        new String[] {"-sSLki", "-XPUT", "-Hx-a: 1", "-o", "out.bin", "-m", "2.5", "http://h/"},
        FILES);
    assertTrue(options.silent && options.showErrors && options.followRedirects
        && options.insecure && options.includeHeaders);
    assertEquals("PUT", options.method);
    assertEquals(new CurlOptions.CustomHeader("x-a", "1"), options.headers.get(0));
    assertEquals(Path.of("out.bin"), options.output);
    assertEquals(Duration.ofMillis(2500), options.maxTime);
    assertEquals("http://h/", options.url);
  }

  @Test
  void authCookieAndFormOptions() throws Exception {
    CurlOptions options = CurlOptions.parse(new String[] {"--digest", "-uu:p", "-b", "a=1",
        "--cookie", "jar.txt", "-cout.txt", "-F", "f=@x;type=t", "--form", "g=2", "http://h/"},
        FILES);
    assertEquals(CurlAuth.Mode.DIGEST, options.authMode);
    assertEquals("u:p", options.user);
    assertEquals(List.of("a=1", "jar.txt"), options.cookies);
    assertEquals(Path.of("out.txt"), options.cookieJar);
    assertEquals(List.of("f=@x;type=t", "g=2"), options.form);
    assertEquals(CurlAuth.Mode.ANY, CurlOptions.parse(new String[] {"--digest", "--anyauth",
        "http://h/"}, FILES).authMode, "the last one counts");
  }

  @Test
  void formWithDataOrWithoutANameIsAUsageError() {
    assertThrows(CurlOptions.UsageException.class, () -> CurlOptions.parse(
        new String[] {"-F", "a=1", "-d", "x", "http://h/"}, FILES));
    assertThrows(CurlOptions.UsageException.class, () -> CurlOptions.parse(
        new String[] {"-F", "novalue", "http://h/"}, FILES));
  }

  @Test
  void dataPiecesJoinWithAmpersandAndFileDataLosesLineBreaks() throws Exception {
    CurlOptions options = CurlOptions.parse(
        new String[] {"-d", "a=1", "--data", "@f.txt", "http://h/"}, FILES);
    assertEquals("a=1&line1line2@f.txt", new String(options.body(), StandardCharsets.UTF_8));
  }

  @Test
  void binaryDataKeepsLineBreaks() throws Exception {
    CurlOptions options = CurlOptions.parse(
        new String[] {"--data-binary", "@f.bin", "http://h/"}, FILES);
    assertEquals("line1\r\nline2\n@f.bin", new String(options.body(), StandardCharsets.UTF_8));
    assertTrue(options.binaryData);
  }

  @Test
  void longOptionsWithValues() throws Exception {
    CurlOptions options = CurlOptions.parse(new String[] {"--max-redirs", "3", "--compressed",
        "--connect-timeout", "1", "--resolve", "a:80:127.0.0.1", "-w", "%{http_code}",
        "-D", "-", "--cacert", "ca.pem", "http://h/"}, FILES);
    assertEquals(3, options.maxRedirects);
    assertTrue(options.compressed && options.dumpHeadersToStdout);
    assertEquals(Duration.ofSeconds(1), options.connectTimeout);
    assertEquals(List.of("a:80:127.0.0.1"), options.resolve);
    assertEquals("%{http_code}", options.writeOut);
    assertEquals(Path.of("ca.pem"), options.caCert);
    assertNull(options.body());
  }

  @Test
  void unknownOptionMissingValueAndMissingUrlAreUsageErrors() {
    assertThrows(CurlOptions.UsageException.class,
        () -> CurlOptions.parse(new String[] {"--frobnicate", "http://h/"}, FILES));
    assertThrows(CurlOptions.UsageException.class,
        () -> CurlOptions.parse(new String[] {"http://h/", "-H"}, FILES));
    assertThrows(CurlOptions.UsageException.class,
        () -> CurlOptions.parse(new String[] {"-s"}, FILES));
    assertThrows(CurlOptions.UsageException.class,
        () -> CurlOptions.parse(new String[] {"-m", "soon", "http://h/"}, FILES));
  }

  @Test
  void writeOutExpandsVariablesEscapesAndPercent() {
    List<String> unknown = new ArrayList<>();
    String out = WriteOut.expand("%{http_code} %{url_effective}\\t%{nope}100%%\\n",
        Map.of("http_code", "200", "url_effective", "http://h/"), unknown::add);
    assertEquals("200 http://h/\t100%\n", out);
    assertEquals(List.of("nope"), unknown);
  }

  @Test
  void headerRemovalsEmptyFieldsAndIgnoredLines() throws Exception {
    CurlOptions options = CurlOptions.parse(new String[] {"-H", "Accept:", "-H", "X-Empty;",
        "-H", "X-Blank:  ", "-H", "NoColon", "-H", "X-B;x", "-H", ":x", "http://h/"}, FILES);
    assertEquals(List.of(new CurlOptions.CustomHeader("Accept", null),
        new CurlOptions.CustomHeader("X-Empty", ""),
        new CurlOptions.CustomHeader("X-Blank", null)), options.headers);
    assertTrue(options.hasHeader("accept"));
    assertThrows(CurlOptions.UsageException.class,
        () -> CurlOptions.parse(new String[] {"-H", "Bad Name: 1", "http://h/"}, FILES));
  }

  @Test
  void userFailClientCertificateAndPostAfterRedirect() throws Exception {
    CurlOptions options = CurlOptions.parse(new String[] {"-fu", "bob:pw", "--cert", "c.pem",
        "--key", "c.key", "--post301", "--post303", "http://h/"}, FILES);
    assertTrue(options.fail && options.post301 && options.post303 && !options.post302);
    assertEquals("bob:pw", options.user);
    assertEquals(Path.of("c.pem"), options.clientCert);
    assertEquals(Path.of("c.key"), options.clientKey);
  }
}

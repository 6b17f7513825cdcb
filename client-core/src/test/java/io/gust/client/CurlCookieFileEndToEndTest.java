package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.Response;
import io.gust.server.TestServer;
import io.gust.testing.Curl;
import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import io.gust.testing.ToolRun;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cookie files round-trip with the real curl: curl writes a jar from a server that sets cookies,
 * Gust imports and exports it, and curl sends the same Cookie field from Gust's file as from its
 * own. Skipped without curl unless CI=true.
 */
@Timeout(60)
class CurlCookieFileEndToEndTest {
  private static final String HOST = "www.example.test";
  private static final List<String> SET_COOKIES = List.of(
      "plain=1",
      "dom=2; Domain=example.test; Path=/",
      "deep=3; Path=/app",
      "deeper=3b; Path=/app/x; Max-Age=3600",
      "ho=4; HttpOnly; Max-Age=7200",
      "exp=5; Expires=" + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
          java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusDays(30)) + "; Path=/",
      "sec=6; Secure",
      "gone=7; Max-Age=0",
      "psl=8; Domain=test");

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void startServer() {
    ExternalTools.require("curl");
    server = TestServer.start(builder -> builder
        .get("/set", request -> {
          Response response = Response.ok("set");
          for (String field : SET_COOKIES) {
            response = response.withHeader("Set-Cookie", field);
          }
          return response;
        })
        .get(java.util.regex.Pattern.compile("/(app/x/)?echo"), request ->
            Response.ok(String.valueOf(request.header("Cookie")))));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private String url(String path) {
    return "http://" + HOST + ":" + server.port() + path;
  }

  private String resolve() {
    return HOST + ":" + server.port() + ":127.0.0.1";
  }

  private String curlCookieHeader(Path jarFile, String path) throws Exception {
    ToolRun run = Curl.run(dir, "--resolve", resolve(), "-b", jarFile.toString(), url(path));
    assertEquals(0, run.exit(), run.stderr());
    return run.out();
  }

  @Test
  void curlAndGustAgreeOnTheJarAndTheCookieField() throws Exception {
    Path curlJar = dir.resolve("curl-jar.txt");
    ToolRun set = Curl.run(dir, "--resolve", resolve(), "-c", curlJar.toString(), url("/set"));
    assertEquals(0, set.exit(), set.stderr());
    assertTrue(Files.readString(curlJar).contains("#HttpOnly_" + HOST), "curl wrote #HttpOnly_");

    MemoryCookieJar imported = MemoryCookieJar.create();
    imported.addAll(NetscapeCookieFile.read(curlJar));
    MemoryCookieJar own = MemoryCookieJar.create();
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().build());
    HttpResponse response = HttpsEndToEndTest.await(
        client.fetch(server.url("/set").toString()));
    own.save(URI.create(url("/set")), response.headers().values("Set-Cookie"));
    assertSameCookies(lines(curlJar), linesOf(own.cookies()));
    assertSameCookies(lines(curlJar), linesOf(imported.cookies()));

    Path gustJar = dir.resolve("gust-jar.txt");
    NetscapeCookieFile.write(imported.cookies(), gustJar);
    for (String path : List.of("/echo", "/app/x/echo")) {
      String fromCurlJar = curlCookieHeader(curlJar, path);
      assertEquals(fromCurlJar, curlCookieHeader(gustJar, path), "curl -b Gust's export");
      String fromGust = CookieJar.header(imported.cookiesFor(URI.create(url(path))));
      assertEquals(pairs(fromCurlJar), pairs(fromGust), "Gust sends what curl sends");
    }
    assertEquals("deeper=3b; deep=3",
        CookieJar.header(imported.cookiesFor(URI.create(url("/app/x/echo")))).substring(0, 17),
        "longest paths first");
  }

  /** The cookie lines of a file, without comments, by line without expiry. */
  private static Map<String, Long> lines(Path file) throws Exception {
    return byLine(Files.readAllLines(file).stream()
        .filter(line -> !line.isBlank() && (!line.startsWith("#") || line.startsWith("#HttpOnly_")))
        .toList());
  }

  private static Map<String, Long> linesOf(List<Cookie> cookies) {
    return byLine(cookies.stream().map(NetscapeCookieFile::line).toList());
  }

  private static Map<String, Long> byLine(List<String> lines) {
    Map<String, Long> expiries = new TreeMap<>();
    for (String line : lines) {
      String[] fields = line.split("\t", 7);
      long expiry = Long.parseLong(fields[4]);
      fields[4] = expiry == 0 ? "session" : "persistent";
      expiries.put(String.join("\t", fields), expiry);
    }
    return expiries;
  }

  /** Max-Age counts from when each client read the field: allow them 5 seconds apart. */
  private static void assertSameCookies(Map<String, Long> expected, Map<String, Long> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((line, expiry) ->
        assertTrue(Math.abs(expiry - actual.get(line)) <= 5, line + " expiry " + expiry
            + " vs " + actual.get(line)));
  }

  private static Set<String> pairs(String cookieField) {
    return new TreeSet<>(Arrays.asList(cookieField.split("; ")));
  }
}

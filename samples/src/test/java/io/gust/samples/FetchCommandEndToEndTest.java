package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fetch} against the companion server, without curl: the basics and the exit codes. */
@Timeout(30)
class FetchCommandEndToEndTest {
  private static HttpServer server;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    server = HttpServer.builder().testRoutes().build().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private int fetch(String... args) {
    return FetchCommand.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  @Test
  void bodyToStdoutAndStatusThroughWriteOut() {
    assertEquals(0, fetch("-w", " %{http_code}", url("/get")));
    assertEquals("get\n 200", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void postsFormDataAsCurlDoes() {
    assertEquals(0, fetch("-d", "a=1", url("/echo")));
    String echoed = out.toString(StandardCharsets.UTF_8);
    assertTrue(echoed.startsWith("POST /echo HTTP/1.1\r\n"), echoed);
    assertTrue(echoed.contains("Content-Type: application/x-www-form-urlencoded\r\n"), echoed);
    assertTrue(echoed.endsWith("\r\n\r\na=1"), echoed);
  }

  /** Regression: once header values went out as ISO-8859-1, -H 'X: café' no longer sent curl's bytes. */
  @Test
  void headerValuesGoOutAsTheCommandLineBytesAsCurlSendsThem() {
    assertEquals(0, fetch("-H", "X-Name: caf\u00e9 \u20ac", url("/echo")));
    String echoed = out.toString(StandardCharsets.UTF_8);
    String wire = new String("caf\u00e9 \u20ac".getBytes(StandardCharsets.UTF_8),
        StandardCharsets.ISO_8859_1);
    assertTrue(echoed.contains("\r\nX-Name: " + wire + "\r\n"), echoed);
  }

  @Test
  void outputFileAndHeaderFile(@TempDir Path dir) throws Exception {
    Path body = dir.resolve("body.bin");
    Path head = dir.resolve("head.txt");
    assertEquals(0, fetch("-o", body.toString(), "-D", head.toString(), url("/bytes/70000")));
    byte[] bytes = Files.readAllBytes(body);
    assertEquals(70000, bytes.length);
    assertEquals((byte) (69999 % 251), bytes[69999]);
    assertTrue(Files.readString(head).startsWith("HTTP/1.1 200 OK\r\n"));
    assertEquals(0, out.size());
  }

  @Test
  void redirectsNeedLocation() {
    assertEquals(0, fetch("-s", "-w", "%{http_code} %{num_redirects}", url("/redirect/2")));
    assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("302 0"));
    out.reset();
    assertEquals(0, fetch("-sL", "-w", " %{http_code} %{num_redirects}", url("/redirect/2")));
    assertEquals("get\n 200 2", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void exitCodesForTimeoutRefusalTooManyRedirectsAndUsage() throws Exception {
    assertEquals(28, fetch("-m", "0.2", url("/delay/2000")));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("fetch: (28) "));
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertEquals(7, fetch("-s", "http://127.0.0.1:" + port + "/"));
    assertEquals(47, fetch("-sL", "--max-redirs", "1", url("/redirect/3")));
    assertEquals(2, fetch("--no-such-option", url("/get")));
    assertEquals(7, fetch("-s", "https://127.0.0.1:" + port + "/"));
  }

  /** Decision: -u USER without a password and without a console sends an empty password. */
  @Test
  void userWithoutPasswordOffATerminalHasAnEmptyPassword() {
    assertEquals("Basic Ym9iOg==", FetchCommand.userAuthorization("bob", null));
    assertEquals("Basic Ym9iOnA6cQ==", FetchCommand.userAuthorization("bob:p:q", null));
  }

  /** Regression: fetch had no -f; it must exit 22, say why on stderr and write no body. */
  @Test
  void failOnErrorStatus() {
    assertEquals(22, fetch("-S", "-s", "-f", url("/status/404")));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals("fetch: (22) The requested URL returned error: 404\n",
        err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }
}

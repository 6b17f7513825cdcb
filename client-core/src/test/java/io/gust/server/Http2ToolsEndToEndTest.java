package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import io.gust.testing.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * nghttp and h2load (Debian's nghttp2-client) against the companion server's HTTP/2: many
 * concurrent streams on one connection, uploads, and load over h2c and h2 on TLS, every request
 * answered. Skipped without the tools unless CI=true.
 */
@Timeout(120)
class Http2ToolsEndToEndTest {
  private static final Pattern H2LOAD_REQUESTS = Pattern.compile(
      "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed");

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private HttpServer plain;
  private HttpServer tls;

  @BeforeEach
  void setUp() {
    ExternalTools.require("nghttp");
    ExternalTools.require("h2load");
    PlainAndTlsServers servers = leaks.closing(
        PlainAndTlsServers.start(() -> HttpServer.builder().testRoutes()));
    plain = servers.plain();
    tls = servers.tls();
  }

  /** Runs a tool to its end within 90 s (its stderr only holds nghttp's warnings). */
  private ToolRun run(String... command) throws IOException, InterruptedException {
    return ToolRun.run(dir, Duration.ofSeconds(90), List.of(command));
  }

  @Test
  void nghttpFetchesManyConcurrentStreamsOnOneConnection() throws Exception {
    List<String> command = new ArrayList<>(List.of("nghttp", "-nv", "-m", "50"));
    command.add(plain.url("/delay/20").toString());
    ToolRun run = run(command.toArray(new String[0]));
    assertEquals(0, run.exit(), run.out());
    assertEquals(50, count(run.out(), "recv DATA frame <length=14, flags=0x01"), run.out());
    assertEquals(1, plain.acceptedConnections());
  }

  @Test
  void nghttpUploadsABodyLargerThanTheStreamWindowOverTls() throws Exception {
    byte[] body = new byte[3 * Http2ServerConnection.STREAM_WINDOW];
    java.util.Arrays.fill(body, (byte) 'u');
    Path upload = dir.resolve("upload");
    Files.write(upload, body);
    ToolRun run = run("nghttp", "-d", upload.toString(), tls.url("/echo").toString());
    assertEquals(0, run.exit(), run.out().substring(0, Math.min(500, run.out().length())));
    assertTrue(run.out().startsWith("POST /echo HTTP/2\r\n"), run.out().substring(0, 100));
    assertTrue(run.out().endsWith(new String(body)), "the echo holds the whole body");
  }

  @Test
  void h2loadOverH2cGetsEveryRequestAnswered() throws Exception {
    assertAllSucceeded(run("h2load", "-n", "4000", "-c", "4", "-m", "64",
        plain.url("/hello").toString()), 4000);
  }

  @Test
  void h2loadOverTlsGetsEveryRequestAnswered() throws Exception {
    assertAllSucceeded(run("h2load", "-n", "2000", "-c", "2", "-m", "100",
        tls.url("/bytes/20000").toString()), 2000);
  }

  private static void assertAllSucceeded(ToolRun run, int requests) {
    assertEquals(0, run.exit(), run.out());
    Matcher matcher = H2LOAD_REQUESTS.matcher(run.out());
    assertTrue(matcher.find(), run.out());
    assertEquals(requests, Integer.parseInt(matcher.group(4)), run.out());
    assertEquals(0, Integer.parseInt(matcher.group(5)), run.out());
    assertTrue(run.out().contains("Application protocol: h2"), run.out());
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}

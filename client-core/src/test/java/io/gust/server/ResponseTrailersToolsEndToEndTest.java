package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Curl;
import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import io.gust.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent clients read the trailers a handler sends: nghttp (which prints the fields of every
 * HEADERS frame) over h2c and h2 on TLS, after DATA frames that leave the stream open; curl over
 * HTTP/1.1 in the chunked trailer section. curl 7.88 prints no HTTP/2 trailers, so over h2c it
 * only shows that the stream ends cleanly. Skipped without the tools unless CI=true.
 */
@Timeout(60)
class ResponseTrailersToolsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private HttpServer plain;
  private HttpServer tls;

  @BeforeEach
  void setUp() {
    CompletableFuture<Throwable> unused = new CompletableFuture<>();
    PlainAndTlsServers servers = leaks.closing(PlainAndTlsServers.start(
        () -> ResponseTrailersEndToEndTest.routes(unused, new CompletableFuture<>())));
    plain = servers.plain();
    tls = servers.tls();
  }

  private String nghttp(String url) throws Exception {
    ToolRun run = ToolRun.run(dir, Duration.ofSeconds(30),
        new ProcessBuilder("nghttp", "-v", url).redirectErrorStream(true));
    assertEquals(0, run.exit(), run.out());
    return run.out();
  }

  /** Checks that {@code out} shows the body in open DATA frames, then the trailers ending it. */
  private static void assertTrailersEndTheStream(String out) {
    assertTrue(out.contains("part one\n"), out); // nghttp prints the body between the frames
    assertTrue(out.contains("part two\n"), out);
    assertTrue(out.contains("recv DATA frame <length=9, flags=0x00, stream_id=13>"), out);
    assertTrue(!out.contains("recv DATA frame <length=9, flags=0x01"), out);
    int checksum = out.indexOf("recv (stream_id=13) x-checksum: abc123");
    int timing = out.indexOf("recv (stream_id=13) server-timing: total;dur=5");
    int end = out.indexOf("recv HEADERS frame <length=", checksum);
    assertTrue(checksum > out.lastIndexOf("recv DATA frame"), out);
    assertTrue(timing > checksum, out);
    assertTrue(end > timing, out);
    assertTrue(out.startsWith("flags=0x05", out.indexOf("flags=", end)), out);
    assertTrue(out.indexOf("; END_STREAM | END_HEADERS", end) > end, out);
  }

  @Test
  void nghttpReadsTrailersOverH2c() throws Exception {
    ExternalTools.require("nghttp");
    assertTrailersEndTheStream(nghttp(plain.url("/trailers").toString()));
  }

  @Test
  void nghttpReadsTrailersOverH2OnTls() throws Exception {
    ExternalTools.require("nghttp");
    String out = nghttp(tls.url("/trailers").toString());
    assertTrue(out.contains("The negotiated protocol: h2"), out);
    assertTrailersEndTheStream(out);
  }

  @Test
  void curlReadsTrailersOverHttp11() throws Exception {
    ExternalTools.require("curl");
    ToolRun run = Curl.run(dir, "-v", "--http1.1", "-D", dir.resolve("head").toString(),
        plain.url("/trailers").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("part one\npart two\n", run.out());
    String head = Files.readString(dir.resolve("head"));
    assertTrue(head.contains("Transfer-Encoding: chunked\r\n"), head);
    assertTrue(head.endsWith("\r\nX-Checksum: abc123\r\nServer-Timing: total;dur=5\r\n"), head);
  }

  @Test
  void curlEndsTheH2cStreamAtTheTrailers() throws Exception {
    ExternalTools.require("curl");
    ToolRun run = Curl.run(dir, "-v", "--http2-prior-knowledge", plain.url("/trailers").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("part one\npart two\n", run.out());
    assertTrue(run.stderr().contains("< HTTP/2 200"), run.stderr());
  }
}

package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Curl;
import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import io.gust.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl against the companion server over HTTP/2: h2 chosen by ALPN on TLS and h2c by prior
 * knowledge, with the same routes a HTTP/1.1 client uses. Skipped without curl unless CI=true.
 */
@Timeout(60)
class Http2CurlEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private final ExecutorService files = Executors.newSingleThreadExecutor();
  private HttpServer plain;
  private HttpServer tls;
  private Path caFile;

  @BeforeEach
  void setUp() throws Exception {
    ExternalTools.require("curl");
    caFile = TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem"));
    Path file = dir.resolve("big.bin");
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Files.write(file, content);
    PlainAndTlsServers servers = leaks.closing(PlainAndTlsServers.start(
        () -> HttpServer.builder().testRoutes()
            .get("/file", request -> Response.file(file, "application/octet-stream", files))
            .get("/protocol", request -> Response.ok(request.protocol() + "\n"))));
    plain = servers.plain();
    tls = servers.tls();
  }

  @AfterEach
  void tearDown() {
    files.shutdown();
  }

  private ToolRun curl(String... args) throws Exception {
    return Curl.run(dir, args);
  }

  @Test
  void curlPriorKnowledgeSpeaksH2cWithTheSameRoutes() throws Exception {
    // One URL per run: curl 7.88 fails a second prior-knowledge request on a reused connection
    // with "Error in the HTTP2 framing layer" against nghttpd too.
    ToolRun run = curl("-v", "--http2-prior-knowledge", plain.url("/protocol").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("HTTP/2\n", run.out());
    assertTrue(run.stderr().contains("< HTTP/2 200"), run.stderr());
    assertEquals(1, plain.acceptedConnections());
  }

  @Test
  void curlOverTlsNegotiatesH2ByAlpn() throws Exception {
    ToolRun run = curl("-v", "--http2", "--cacert", caFile.toString(),
        tls.url("/protocol").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("HTTP/2\n", run.out());
    assertTrue(run.stderr().contains("ALPN: server accepted h2"), run.stderr());
  }

  @Test
  void curlAskingForHttp11OverTlsStillGetsIt() throws Exception {
    ToolRun run = curl("--http1.1", "--cacert", caFile.toString(), tls.url("/protocol").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("HTTP/1.1\n", run.out());
  }

  @Test
  void curlPlainHttp11IsUnchangedWhenHttp2IsOn() throws Exception {
    ToolRun run = curl(plain.url("/protocol").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("HTTP/1.1\n", run.out());
  }

  @Test
  void curlPostsABodyOverH2AndGetsTheEcho() throws Exception {
    byte[] body = new byte[200_000];
    java.util.Arrays.fill(body, (byte) 'x');
    Path upload = dir.resolve("upload");
    Files.write(upload, body);
    ToolRun run = curl("--http2", "--cacert", caFile.toString(), "--data-binary", "@" + upload,
        "-H", "Content-Type: text/plain", tls.url("/echo?q=1").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.out().startsWith("POST /echo?q=1 HTTP/2\r\n"), run.out());
    assertTrue(run.out().contains("\r\nhost: "), run.out());
    assertTrue(run.out().endsWith("\r\n\r\n" + new String(body)), run.out().substring(0, 300));
  }

  @Test
  void curlFetchesAFileLargerThanTheWindowsOverBothTransports() throws Exception {
    Path got = dir.resolve("got");
    ToolRun run = curl("--http2-prior-knowledge", "-o", got.toString(),
        plain.url("/file").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(-1, Files.mismatch(got, dir.resolve("big.bin")));
    run = curl("--http2", "--cacert", caFile.toString(), "-o", got.toString(),
        tls.url("/file").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(-1, Files.mismatch(got, dir.resolve("big.bin")));
  }

  @Test
  void curlReadsStreamedAndStatusOnlyAnswersOverH2() throws Exception {
    ToolRun run = curl("--http2-prior-knowledge", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        plain.url("/status/204").toString());
    assertEquals("204", run.out());
    run = curl("--http2-prior-knowledge", plain.url("/stream/3").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.out().length() > 0, run.out());
    run = curl("--http2-prior-knowledge", "-I", plain.url("/hello").toString());
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.out().startsWith("HTTP/2 200"), run.out());
    assertTrue(run.out().contains("content-length: 6"), run.out());
    run = curl("--http2-prior-knowledge", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        plain.url("/missing").toString());
    assertEquals("404", run.out());
  }
}

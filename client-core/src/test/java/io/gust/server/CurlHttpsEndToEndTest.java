package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.TlsOptions;
import io.gust.testing.Curl;
import io.gust.testing.ExternalTools;
import io.gust.testing.TestServerExtension;
import io.gust.testing.TlsCertificates;
import io.gust.testing.ToolRun;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** curl against the companion server over HTTPS. Skipped without curl unless CI=true. */
@Timeout(60)
class CurlHttpsEndToEndTest {
  @RegisterExtension
  final TestServerExtension server = new TestServerExtension(builder -> builder.tls(
      TlsOptions.builder().sslContext(TlsCertificates.serverContext(TlsCertificates.SERVER))
          .build()));

  @TempDir Path dir;
  private Path caFile;

  @BeforeEach
  void setUp() throws Exception {
    ExternalTools.require("curl");
    caFile = TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem"));
  }

  /** curl asking for HTTP/1.1: the server offers h2 by ALPN too (see Http2CurlEndToEndTest). */
  private ToolRun curl(String... args) throws Exception {
    String[] withVersion = new String[args.length + 1];
    withVersion[0] = "--http1.1";
    System.arraycopy(args, 0, withVersion, 1, args.length);
    return Curl.run(dir, withVersion);
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  @Test
  void curlFetchesOverHttpsTrustingTheTestCa() throws Exception {
    ToolRun run = curl("--cacert", caFile.toString(), "-v", url("/hello"), url("/second"));
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("hello\nhandle second request\n", run.out());
    assertTrue(run.stderr().contains("Re-using existing connection"), run.stderr());
    assertTrue(run.stderr().contains("ALPN: server accepted http/1.1")
        || run.stderr().contains("ALPN, server accepted to use http/1.1"), run.stderr());
    assertEquals(1, server.server().acceptedConnections());
  }

  @Test
  void curlPostsOverHttpsAndGetsTheEcho() throws Exception {
    ToolRun run = curl("--cacert", caFile.toString(), "--data-binary", "secret payload",
        url("/echo"));
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.out().startsWith("POST /echo HTTP/1.1\r\n"), run.out());
    assertTrue(run.out().endsWith("\r\n\r\nsecret payload"), run.out());
  }

  @Test
  void curlWithoutTheCaRefusesTheCertificateWithExit60() throws Exception {
    ToolRun run = curl(url("/hello"));
    assertEquals(60, run.exit(), run.stderr());
  }
}

package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.net.TlsOptions;
import io.gust.testing.ExternalTools;
import io.gust.testing.TestServerExtension;
import io.gust.testing.TlsCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private Path curl;
  private Path caFile;

  @BeforeEach
  void setUp() throws Exception {
    curl = ExternalTools.require("curl");
    caFile = TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem"));
  }

  /** What one curl run printed. */
  private record Run(int exit, String out, String err) {}

  private Run curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20"));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err));
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  @Test
  void curlFetchesOverHttpsTrustingTheTestCa() throws Exception {
    Run run = curl("--cacert", caFile.toString(), "-v", url("/hello"), url("/second"));
    assertEquals(0, run.exit(), run.err());
    assertEquals("hello\nhandle second request\n", run.out());
    assertTrue(run.err().contains("Re-using existing connection"), run.err());
    assertTrue(run.err().contains("ALPN: server accepted http/1.1")
        || run.err().contains("ALPN, server accepted to use http/1.1"), run.err());
    assertEquals(1, server.server().acceptedConnections());
  }

  @Test
  void curlPostsOverHttpsAndGetsTheEcho() throws Exception {
    Run run = curl("--cacert", caFile.toString(), "--data-binary", "secret payload",
        url("/echo"));
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("POST /echo HTTP/1.1\r\n"), run.out());
    assertTrue(run.out().endsWith("\r\n\r\nsecret payload"), run.out());
  }

  @Test
  void curlWithoutTheCaRefusesTheCertificateWithExit60() throws Exception {
    Run run = curl(url("/hello"));
    assertEquals(60, run.exit(), run.err());
  }
}

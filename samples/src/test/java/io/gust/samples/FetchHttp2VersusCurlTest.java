package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.testing.Nghttpd;
import io.gust.testing.TlsCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch --http2} and {@code --http2-prior-knowledge} against curl with the same flags, on
 * nghttpd: h2c by prior knowledge, h2 by ALPN over TLS, and {@code -w %{http_version}}.
 */
@Timeout(60)
class FetchHttp2VersusCurlTest {
  @TempDir Path dir;
  private Nghttpd server;

  @BeforeAll
  static void needCurl() {
    Differential.requireCurl();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void priorKnowledgeAgreesWithCurl() throws Exception {
    server = Nghttpd.start(dir, null);
    Files.writeString(server.www().resolve("a.txt"), "over h2c\n");
    String url = "http://127.0.0.1:" + server.port() + "/a.txt";
    assertAgree(List.of("--http2-prior-knowledge"), url);
    assertAgree(List.of("--http2-prior-knowledge", "-i"), url);
    assertAgree(List.of("--http2-prior-knowledge"), "http://127.0.0.1:" + server.port() + "/none");
    assertEquals("2", version(List.of("--http2-prior-knowledge"), url));
  }

  @Test
  void http2OverTlsAgreesWithCurl() throws Exception {
    server = Nghttpd.start(dir, TlsCertificates.SERVER);
    Files.writeString(server.www().resolve("a.txt"), "over h2\n");
    List<String> options = List.of("--http2", "--cacert",
        TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem")).toString());
    String url = "https://localhost:" + server.port() + "/a.txt";
    assertAgree(options, url);
    assertEquals("2", version(options, url));
  }

  /** What fetch's {@code -w %{http_version}} prints, checked against curl's. */
  private static String version(List<String> options, String url) throws Exception {
    List<String> args = new java.util.ArrayList<>(options);
    args.addAll(List.of("-s", "-o", "/dev/null", "-w", "%{http_version}", url));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    FetchCommand.run(args.toArray(new String[0]), out,
        new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
    List<String> command = new java.util.ArrayList<>(List.of("curl", "-q", "--noproxy", "*"));
    command.addAll(args);
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String expected = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    curl.waitFor();
    String fetch = out.toString(StandardCharsets.UTF_8);
    assertEquals(expected, fetch);
    return fetch;
  }
}

package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.client.TlsOptions;
import io.gust.server.HttpServer;
import io.gust.testing.ExternalTools;
import io.gust.testing.TlsCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch} and curl against real third-party servers that answer in ways Gust's own servers
 * do not: nghttpd (HTTP/2 only, so its first bytes are a SETTINGS frame) and openssl s_server
 * refusing the client's certificate after a TLS 1.3 handshake. The exit codes must be curl's,
 * and the same on every run.
 */
@Timeout(120)
class FetchVersusRealServersTest {
  /** Runs per case: a verdict that depends on timing would show up as two codes. */
  private static final int RUNS = 10;
  private final List<Process> servers = new ArrayList<>();
  @TempDir
  Path dir;

  @BeforeAll
  static void needCurl() {
    Differential.requireCurl();
  }

  @AfterEach
  void stopServers() throws InterruptedException {
    for (Process server : servers) {
      server.destroy();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** Regression: fetch waited for a status line end and exited 56; curl says 1 at once. */
  @Test
  void http2ServerWithoutPriorKnowledge() throws Exception {
    Path nghttpd = ExternalTools.require("nghttpd");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process server = start(List.of(nghttpd.toString(), "-v", "--no-tls", "-a", "127.0.0.1",
        Integer.toString(port)));
    awaitLine(server, "listen");
    String url = "http://127.0.0.1:" + port + "/";
    assertEquals(1, Differential.curl(List.of(), url).exitCode());
    for (int i = 0; i < RUNS; i++) {
      assertAgree(List.of("-m", "10"), url);
    }
  }

  /** Regression: the TLS 1.3 refusal was exit 35 on some runs and 56 on others; curl says 56. */
  @Test
  void tls13ServerRefusingTheClientCertificate() throws Exception {
    int port = sServer(TlsCertificates.OTHER_CA);
    String url = "https://127.0.0.1:" + port + "/";
    List<List<String>> clients = List.of(trusting(), withClientCertificate());
    for (List<String> options : clients) {
      assertEquals(56, Differential.curl(options, url).exitCode(), options.toString());
      for (int i = 0; i < RUNS; i++) {
        assertAgree(options, url, false);
      }
    }
  }

  /**
   * A client certificate that the server accepts, on the companion server (its responses have a
   * length; s_server's end at the connection's close, which this test is not about).
   */
  @Test
  void clientCertificateAccepted() throws Exception {
    // HTTP/1.1 only: curl would choose h2 by ALPN (and fail a refused certificate with 55, not
    // 56), while fetch speaks HTTP/1.1; the differential compares like with like.
    HttpServer server = HttpServer.builder().testRoutes().http2(false).tls(TlsOptions.builder()
        .sslContext(TlsCertificates.serverContext(TlsCertificates.SERVER))
        .clientAuth(TlsOptions.ClientAuth.REQUIRED).build()).build().start();
    try {
      String url = server.url("/get").toString();
      assertEquals(0, Differential.curl(withClientCertificate(), url).exitCode());
      assertAgree(withClientCertificate(), url);
      assertEquals(56, Differential.curl(trusting(), url).exitCode());
      assertAgree(trusting(), url);
    } finally {
      server.close();
    }
  }

  /** Starts s_server (TLS 1.3, a client certificate issued by {@code clientCa} required). */
  private int sServer(HeldCertificate clientCa) throws IOException {
    Path openssl = ExternalTools.require("openssl");
    Path cert = TlsCertificates.writePem(TlsCertificates.SERVER, dir.resolve("server.pem"));
    Path key = TlsCertificates.writeKeyPem(TlsCertificates.SERVER, dir.resolve("server.key"));
    Path ca = TlsCertificates.writePem(clientCa, dir.resolve("client-ca.pem"));
    Process server = start(List.of(openssl.toString(), "s_server", "-accept", "127.0.0.1:0",
        "-tls1_3", "-cert", cert.toString(), "-key", key.toString(), "-Verify", "1",
        "-verify_return_error", "-CAfile", ca.toString(), "-www"));
    String accept = awaitLine(server, "ACCEPT");
    return Integer.parseInt(accept.substring(accept.lastIndexOf(':') + 1).trim());
  }

  private List<String> trusting() throws IOException {
    return List.of("-m", "10", "--cacert",
        TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem")).toString());
  }

  private List<String> withClientCertificate() throws IOException {
    List<String> options = new ArrayList<>(trusting());
    options.addAll(List.of(
        "--cert", TlsCertificates.writePem(TlsCertificates.CLIENT, dir.resolve("c.pem")).toString(),
        "--key",
        TlsCertificates.writeKeyPem(TlsCertificates.CLIENT, dir.resolve("c.key")).toString()));
    return options;
  }

  private Process start(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    servers.add(process);
    return process;
  }

  /**
   * Reads the server's output until a line containing {@code marker} (the class timeout bounds
   * it), then keeps draining it on a daemon thread, so that a verbose server (nghttpd -v logs
   * every frame) never blocks on a full pipe.
   */
  private static String awaitLine(Process server, String marker) throws IOException {
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.contains(marker)) {
        Thread drain = new Thread(() -> {
          try {
            lines.transferTo(Writer.nullWriter());
          } catch (IOException ended) {
            // The server was stopped.
          }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        return line;
      }
    }
    throw new IOException("the server ended before printing " + marker);
  }
}

package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.HttpServer;
import io.gust.testing.LoopbackPorts;
import io.gust.testing.SquidDigestProxy;
import io.gust.testing.TlsCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch -x/-U/--noproxy/--proxy-digest} against curl with the same options through the same
 * real squid: exit codes and output agree. Each case lifts curl's {@code --noproxy '*'} with
 * {@code --noproxy ''}. Skipped without curl or squid unless CI=true.
 */
@Timeout(120)
class FetchProxyVersusCurlTest {
  private static HttpServer companion;
  private static HttpServer secure;
  private static Path caFile;
  @TempDir Path dir;
  private SquidDigestProxy squid;

  @BeforeAll
  static void startServers() throws Exception {
    Differential.requireCurl();
    companion = HttpServer.builder().testRoutes().build().start();
    secure = HttpServer.builder().testRoutes()
        .tls(TlsCertificates.serverContext(TlsCertificates.SERVER)).build().start();
    caFile = TlsCertificates.writePem(TlsCertificates.CA, Files.createTempFile("gust-ca", ".pem"));
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (companion != null) {
      companion.close();
      secure.close();
      Files.deleteIfExists(caFile);
    }
  }

  @AfterEach
  void stopSquid() throws Exception {
    if (squid != null) {
      squid.close();
    }
  }

  private static List<String> via(int port, String... more) {
    List<String> options = new ArrayList<>(List.of("--noproxy", "", "--cacert",
        caFile.toString(), "-x", "http://127.0.0.1:" + port));
    options.addAll(List.of(more));
    return options;
  }

  @Test
  void plainHttpAndHttpsThroughAnOpenSquid() throws Exception {
    squid = SquidDigestProxy.startOpen(dir);
    assertAgree(via(squid.port()), companion.url("/get").toString());
    assertAgree(via(squid.port()), secure.url("/hello").toString());
  }

  @Test
  void proxyUserWithBasicAndDigest() throws Exception {
    squid = SquidDigestProxy.startBasic(dir, "user", "passwd");
    assertAgree(via(squid.port(), "-U", "user:passwd"), secure.url("/hello").toString());
    assertAgree(via(squid.port(), "--proxy-user", "user:passwd"),
        companion.url("/get").toString());
  }

  @Test
  void proxyDigestAnswersTheChallenge() throws Exception {
    squid = SquidDigestProxy.start(dir, "gust", "user", "passwd");
    assertAgree(via(squid.port(), "--proxy-digest", "-U", "user:passwd"),
        secure.url("/hello").toString());
  }

  @Test
  void aConnectRefusedWith407ExitsWith56() throws Exception {
    squid = SquidDigestProxy.startBasic(dir, "user", "passwd");
    String url = secure.url("/hello").toString();
    Differential.Outcome fetch = Differential.fetch(via(squid.port()), url);
    Differential.Outcome curl = Differential.curl(via(squid.port()), url);
    assertEquals(56, curl.exitCode(), curl.stderr());
    assertEquals(56, fetch.exitCode(), fetch.stderr());
    assertTrue(fetch.stderr().contains("CONNECT tunnel failed, response 407"), fetch.stderr());
  }

  @Test
  void aRefusedProxyExitsWith7AndNoproxyGoesDirect() throws Exception {
    int closed = LoopbackPorts.free();
    String url = companion.url("/get").toString();
    assertAgree(via(closed), url, false);
    assertEquals(7, Differential.fetch(via(closed), url).exitCode());
    List<String> bypass = new ArrayList<>(via(closed));
    bypass.addAll(List.of("--noproxy", "127.0.0.1"));
    assertAgree(bypass, url);
  }

  /** A .invalid name (RFC 6761) never resolves: curl and fetch both exit 5. */
  @Test
  void anUnresolvableProxyExitsWith5() throws Exception {
    String url = companion.url("/get").toString();
    for (String proxy : List.of("http://proxy.invalid:3128", "https://proxy.invalid:3128")) {
      List<String> options = List.of("--noproxy", "", "-x", proxy);
      assertAgree(options, url, false);
      assertEquals(5, Differential.fetch(options, url).exitCode());
    }
  }

  @Test
  void anUnsupportedProxySchemeExitsWith7() throws Exception {
    List<String> options = List.of("--noproxy", "", "-x", "ftp://127.0.0.1:21");
    assertAgree(options, companion.url("/get").toString(), false);
  }
}

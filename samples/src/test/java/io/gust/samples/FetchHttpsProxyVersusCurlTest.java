package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.HttpServer;
import io.gust.testing.SquidDigestProxy;
import io.gust.testing.TlsCertificates;
import io.gust.testing.TlsFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fetch -x https://} with {@code --proxy-cacert} and {@code --proxy-insecure} against curl
 * through the same HTTPS proxy (a {@link TlsFront} presenting a test-CA certificate in front of a
 * real squid): the proxy's certificate is judged apart from the origin's, so {@code --cacert} and
 * {@code -k} do not reach the proxy and the proxy's options do not reach the origin. Skipped
 * without curl or squid unless CI=true.
 */
@Timeout(120)
class FetchHttpsProxyVersusCurlTest {
  @TempDir static Path dir;
  private static HttpServer companion;
  private static HttpServer secure;
  private static SquidDigestProxy squid;
  private static TlsFront front;
  private static Path caFile;

  @BeforeAll
  static void startServers() throws Exception {
    Differential.requireCurl();
    companion = HttpServer.builder().testRoutes().build().start();
    secure = HttpServer.builder().testRoutes()
        .tls(TlsCertificates.serverContext(TlsCertificates.SERVER)).build().start();
    caFile = TlsCertificates.writePem(TlsCertificates.CA, Files.createTempFile("gust-ca", ".pem"));
    squid = SquidDigestProxy.startOpen(dir);
    front = new TlsFront(TlsCertificates.SERVER, squid.port());
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (front != null) {
      front.close();
    }
    if (squid != null) {
      squid.close();
    }
    if (companion != null) {
      companion.close();
      secure.close();
      Files.deleteIfExists(caFile);
    }
  }

  private static List<String> via(String... more) {
    List<String> options = new ArrayList<>(List.of("--noproxy", "", "-x",
        "https://127.0.0.1:" + front.port()));
    options.addAll(List.of(more));
    return options;
  }

  private static void assertBothExit(int code, List<String> options, String url)
      throws Exception {
    Differential.Outcome curl = Differential.curl(options, url);
    assertEquals(code, curl.exitCode(), curl.stderr());
    assertAgree(options, url);
  }

  @Test
  void proxyCacertTrustsTheProxyAndCacertTheOrigin() throws Exception {
    String ca = caFile.toString();
    assertBothExit(0, via("--proxy-cacert", ca), companion.url("/get").toString());
    assertBothExit(0, via("--proxy-cacert", ca, "--cacert", ca),
        secure.url("/hello").toString());
  }

  @Test
  void cacertAndInsecureDoNotReachTheProxy() throws Exception {
    String url = companion.url("/get").toString();
    assertBothExit(60, via("--cacert", caFile.toString()), url);
    assertBothExit(60, via("-k"), url);
  }

  @Test
  void proxyInsecureDoesNotReachTheOrigin() throws Exception {
    assertBothExit(0, via("--proxy-insecure"), companion.url("/get").toString());
    // Inside a TLS proxy tunnel curl 7.88 reports the origin's untrusted certificate as 35
    // (SSL_ERROR_SYSCALL); fetch says 60, as both say for that certificate without a proxy.
    String untrusted = secure.url("/hello").toString();
    assertTrue(Differential.curl(via("--proxy-insecure"), untrusted).exitCode() != 0);
    assertEquals(60, Differential.fetch(via("--proxy-insecure"), untrusted).exitCode());
    assertBothExit(60, List.of(), untrusted);
    assertBothExit(0, via("--proxy-insecure", "-k"), secure.url("/hello").toString());
  }

  @Test
  void aProxyCacertFileThatIsNoCertificateExitsWith77() throws Exception {
    Path bad = Files.writeString(caFile.resolveSibling(caFile.getFileName() + ".bad"),
        "not a certificate\n");
    try {
      assertBothExit(77, via("--proxy-cacert", bad.toString()), companion.url("/get").toString());
    } finally {
      Files.delete(bad);
    }
  }
}

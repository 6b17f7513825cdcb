package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.server.HttpServer;
import io.gust.testing.LoopbackPorts;
import io.gust.testing.SocksServer;
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
 * {@code fetch -x socks5://} and {@code socks5h://} against curl 7.88 through the same real
 * microsocks and dante: output and exit codes agree, 97 for every SOCKS failure (a wrong or
 * missing password, an origin the proxy cannot reach or resolve, and, as curl 7.88 says it, an
 * origin the client cannot resolve for socks5://). Skipped without curl, microsocks or danted
 * unless CI=true.
 */
@Timeout(120)
class FetchSocksVersusCurlTest {
  private static HttpServer companion;
  @TempDir Path dir;
  private SocksServer socks;

  @BeforeAll
  static void startCompanion() throws Exception {
    Differential.requireCurl();
    companion = HttpServer.builder().testRoutes().build().start();
  }

  @AfterAll
  static void stopCompanion() throws Exception {
    if (companion != null) {
      companion.close();
    }
  }

  @AfterEach
  void stopSocks() throws Exception {
    if (socks != null) {
      socks.close();
    }
  }

  private static List<String> via(String proxy, String... more) {
    List<String> options = new ArrayList<>(List.of("--noproxy", "", "-x", proxy));
    options.addAll(List.of(more));
    return options;
  }

  private static void assertBothExit(int code, List<String> options, String url)
      throws Exception {
    Differential.Outcome curl = Differential.curl(options, url);
    Differential.Outcome fetch = Differential.fetch(options, url);
    assertEquals(code, curl.exitCode(), curl.stderr());
    assertEquals(curl.render(), fetch.render(), () -> "fetch stderr: " + fetch.stderr()
        + "\ncurl stderr: " + curl.stderr());
  }

  @Test
  void socks5AndSocks5hThroughMicrosocksWithAPassword() throws Exception {
    socks = SocksServer.microsocks(dir, "user", "secret");
    for (String scheme : List.of("socks5", "socks5h")) {
      String proxy = scheme + "://user:secret@127.0.0.1:" + socks.port();
      assertAgree(via(proxy), companion.url("/get").toString());
      assertAgree(via(proxy, "-i"), companion.url("/hello").toString());
      assertAgree(via(scheme + "://127.0.0.1:" + socks.port(), "-U", "user:secret"),
          companion.url("/get").toString());
    }
  }

  @Test
  void aWrongOrMissingPasswordExitsWith97() throws Exception {
    socks = SocksServer.microsocks(dir, "user", "secret");
    String url = companion.url("/get").toString();
    assertBothExit(97, via("socks5://user:wrong@127.0.0.1:" + socks.port()), url);
    assertBothExit(97, via("socks5h://user:wrong@127.0.0.1:" + socks.port()), url);
    assertBothExit(97, via("socks5h://127.0.0.1:" + socks.port()), url);
  }

  @Test
  void anOriginTheProxyCannotReachOrResolveExitsWith97() throws Exception {
    socks = SocksServer.microsocks(dir, null, null);
    String refused = "http://127.0.0.1:" + LoopbackPorts.free() + "/";
    assertBothExit(97, via("socks5://127.0.0.1:" + socks.port()), refused);
    assertBothExit(97, via("socks5h://127.0.0.1:" + socks.port()), refused);
    assertBothExit(97, via("socks5h://127.0.0.1:" + socks.port()), "http://nowhere.invalid/");
    assertBothExit(97, via("socks5://127.0.0.1:" + socks.port()), "http://nowhere.invalid/");
  }

  @Test
  void aSocksProxyThatCannotBeReachedOrResolved() throws Exception {
    String url = companion.url("/get").toString();
    assertBothExit(7, via("socks5h://127.0.0.1:" + LoopbackPorts.free()), url);
    // curl 7.88 says 6 or 5 here depending on how its resolver fails (both seen on this
    // machine); fetch says 6, as curl did when the lookup failed outright.
    Differential.Outcome fetch = Differential.fetch(via("socks5://proxy.invalid:1080"), url);
    assertEquals(6, fetch.exitCode(), fetch.stderr());
    int curl = Differential.curl(via("socks5://proxy.invalid:1080"), url).exitCode();
    org.junit.jupiter.api.Assertions.assertTrue(curl == 5 || curl == 6, "curl exit " + curl);
  }

  @Test
  void socks5hThroughDante() throws Exception {
    socks = SocksServer.dante(dir);
    assertAgree(via("socks5h://127.0.0.1:" + socks.port()), companion.url("/get").toString());
    assertAgree(via("socks5://127.0.0.1:" + socks.port(), "-d", "x=1"),
        companion.url("/status/201").toString());
    assertBothExit(97, via("socks5h://127.0.0.1:" + socks.port()),
        "http://127.0.0.1:" + LoopbackPorts.free() + "/");
  }

  /**
   * dante speaks SOCKS4, not SOCKS4a, so a name sent by socks4a:// is refused: 97 from both.
   * (For an address origin fetch sends plain SOCKS4, which dante carries, where curl 7.88 still
   * sends the 4a form and is refused; that case is left out on purpose.)
   */
  @Test
  void socks4aThroughDanteIsRefusedForANameWith97() throws Exception {
    socks = SocksServer.dante(dir);
    assertBothExit(97, via("socks4a://127.0.0.1:" + socks.port()),
        companion.url("/get").toString().replace("127.0.0.1", "localhost"));
  }
}

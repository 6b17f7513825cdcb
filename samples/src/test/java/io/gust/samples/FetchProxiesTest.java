package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.HttpRequest;
import io.gust.client.Phase;
import io.gust.client.Proxy;
import io.gust.client.ProxyException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy options of fetch: parsing, curl's choice between -x and the environment, exit codes. */
@Timeout(10)
class FetchProxiesTest {
  private static final HttpRequest REQUEST = HttpRequest.get("https://example.com/");

  private static CurlOptions parse(String... args) throws Exception {
    return CurlOptions.parse(args, path -> new byte[0]);
  }

  private static int exitCode(Phase phase, Proxy proxy, int status) {
    return CurlError.of(new ProxyException("m", REQUEST, phase, proxy, status, null), 0)
        .exitCode();
  }

  @Test
  void proxyOptionsParseLongAndShort() throws Exception {
    CurlOptions options = parse("-xhttp://p:1", "-U", "u:p", "--noproxy", "a,b",
        "--proxy-digest", "http://h/");
    assertEquals("http://p:1", options.proxy);
    assertEquals("u:p", options.proxyUser);
    assertEquals("a,b", options.noProxy);
    assertTrue(options.proxyDigest);
    assertEquals("socks5h://s", parse("--proxy", "socks5h://s", "http://h/").proxy);
  }

  @Test
  void anExplicitProxyWinsOverTheEnvironmentButNoProxyStillApplies() throws Exception {
    Map<String, String> env = Map.of("https_proxy", "http://env:1", "no_proxy", "example.com");
    FetchProxies explicit = FetchProxies.of(parse("-x", "p:2", "http://h/"), env);
    io.gust.client.AsyncHttpClient.Builder builder = io.gust.client.AsyncHttpClient.builder();
    assertSame(builder, explicit.configure(builder));
    Proxy fromEnv = FetchProxies.of(parse("http://h/"), env).proxy();
    assertSame(Proxy.NONE, fromEnv.forUri(URI.create("https://example.com/")));
    assertEquals(Proxy.http("env", 1), fromEnv.forUri(URI.create("https://other.com/")));
    Proxy overridden = FetchProxies.of(parse("--noproxy", "", "http://h/"), env).proxy();
    assertEquals(Proxy.http("env", 1), overridden.forUri(URI.create("https://example.com/")));
    Proxy withUser = FetchProxies.of(parse("-x", "p:2", "-U", "u:pw", "http://h/"), env).proxy();
    assertEquals(Proxy.http("p", 2).withCredentials("u", "pw"),
        withUser.forUri(URI.create("http://other.com/")));
    assertSame(Proxy.NONE, FetchProxies.of(parse("-x", "", "http://h/"), env).proxy());
    Proxy envWithUser = FetchProxies.of(parse("-U", "u:pw", "http://h/"), env).proxy();
    assertEquals(Proxy.http("env", 1).withCredentials("u", "pw"),
        envWithUser.forUri(URI.create("https://other.com/")));
    assertSame(Proxy.NONE, envWithUser.forUri(URI.create("https://example.com/")));
  }

  @Test
  void proxyFailuresMapToCurlsExitCodes() {
    Proxy http = Proxy.http("p", 1);
    assertEquals(CurlError.COULD_NOT_RESOLVE_PROXY, exitCode(Phase.DNS, http, 0));
    assertEquals(CurlError.COULD_NOT_CONNECT, exitCode(Phase.CONNECT, http, 0));
    assertEquals(CurlError.RECEIVE_ERROR, exitCode(Phase.PROXY, http, 403));
    assertEquals(CurlError.RECEIVE_ERROR, exitCode(Phase.PROXY, http, 0));
    assertEquals(CurlError.PROXY, exitCode(Phase.PROXY, Proxy.socks5("s", 1), 0));
    assertEquals("CONNECT tunnel failed, response 403", CurlError.of(
        new ProxyException("m", REQUEST, Phase.PROXY, http, 403, null), 0).message());
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proxy choices: curl-style URLs, curl's environment rules, ProxySelector answers. */
class ProxyTest {
  private static URI uri(String text) {
    return URI.create(text);
  }

  @Test
  void curlStyleUrlsParse() {
    assertEquals(Proxy.http("proxy", 3128), Proxy.of("http://proxy:3128"));
    assertEquals(Proxy.http("proxy", 1080), Proxy.of("proxy"), "no scheme, no port: curl's");
    assertEquals(Proxy.https("proxy", 443), Proxy.of("https://proxy/"));
    assertEquals(Proxy.socks5("proxy", 1080), Proxy.of("socks5h://proxy"));
    Proxy local = Proxy.of("socks5://proxy:9050");
    assertEquals(Proxy.Type.SOCKS5, local.type());
    assertFalse(local.resolvesNames());
    assertTrue(Proxy.of("socks5h://proxy").resolvesNames());
    assertEquals(Proxy.http("::1", 8080), Proxy.of("http://[::1]:8080"));
    assertEquals("::1", Proxy.of("[::1]:8080").host());
  }

  @Test
  void credentialsInAUrlArePercentDecodedAndNeverShown() {
    Proxy proxy = Proxy.of("http://us%40er:p%3Ass@proxy:3128");
    assertEquals("us@er", proxy.user());
    assertEquals("p:ss", proxy.password());
    assertEquals("http://***@proxy:3128", proxy.toString());
    assertNotEquals(Proxy.http("proxy", 3128), proxy, "credentials key their own connections");
  }

  @Test
  void badProxyUrlsAreRefusedAndRulesPassCredentialsOn() {
    assertThrows(IllegalArgumentException.class, () -> Proxy.of("ftp://proxy:21"));
    assertThrows(IllegalArgumentException.class, () -> Proxy.of("http://proxy:0"));
    assertThrows(IllegalArgumentException.class, () -> Proxy.of("http://proxy:99999"));
    assertThrows(IllegalArgumentException.class, () -> Proxy.of("http://:80"));
    assertThrows(IllegalArgumentException.class, () -> Proxy.of("http://proxy:8o"));
    assertThrows(IllegalStateException.class, () -> Proxy.http("p", 1).withLocalResolution());
    assertThrows(IllegalStateException.class, () -> Proxy.NONE.withCredentials("u", "p"));
    Proxy env = Proxy.fromEnvironment(Map.of("https_proxy", "p:1")).withCredentials("u", "p");
    assertEquals(Proxy.http("p", 1).withCredentials("u", "p"), env.forUri(uri("https://a/")));
    assertSame(Proxy.NONE, env.forUri(uri("http://a/")), "a rule's direct choice stays direct");
  }

  @Test
  void environmentFollowsCurlsRules() {
    Proxy env = Proxy.fromEnvironment(Map.of(
        "HTTP_PROXY", "http://ignored:1",
        "https_proxy", "http://secure:3128",
        "ALL_PROXY", "socks5h://all:1080"));
    assertEquals(Proxy.socks5("all", 1080), env.forUri(uri("http://example.com/")),
        "upper-case HTTP_PROXY is ignored, as curl does (httpoxy)");
    assertEquals(Proxy.http("secure", 3128), env.forUri(uri("https://example.com/")));
    Proxy lower = Proxy.fromEnvironment(Map.of("http_proxy", "plain:8080"));
    assertEquals(Proxy.http("plain", 8080), lower.forUri(uri("http://example.com/")));
    assertSame(Proxy.NONE, lower.forUri(uri("https://example.com/")));
    assertEquals(Proxy.http("up", 1), Proxy.fromEnvironment(Map.of("HTTPS_PROXY", "up:1"))
        .forUri(uri("https://example.com/")));
    assertSame(Proxy.NONE, Proxy.fromEnvironment(Map.of()).forUri(uri("https://a/")));
    assertSame(Proxy.NONE,
        Proxy.fromEnvironment(Map.of("http_proxy", "")).forUri(uri("http://a/")));
  }

  @Test
  void noProxyMatchesDomainsAddressesAndRanges() {
    Proxy env = Proxy.fromEnvironment(Map.of("all_proxy", "http://p:1",
        "no_proxy", "example.com, .internal ,10.0.0.0/8 192.168.1.7,::1,[fd00::]/8"));
    assertSame(Proxy.NONE, env.forUri(uri("http://example.com/")));
    assertSame(Proxy.NONE, env.forUri(uri("http://www.EXAMPLE.com/")));
    assertEquals(Proxy.http("p", 1), env.forUri(uri("http://notexample.com/")),
        "a suffix matches at a dot only");
    assertSame(Proxy.NONE, env.forUri(uri("http://a.internal/")));
    assertSame(Proxy.NONE, env.forUri(uri("http://internal/")), "leading dot optional");
    assertSame(Proxy.NONE, env.forUri(uri("http://10.200.3.4/")));
    assertEquals(Proxy.http("p", 1), env.forUri(uri("http://11.0.0.1/")));
    assertSame(Proxy.NONE, env.forUri(uri("http://192.168.1.7/")));
    assertEquals(Proxy.http("p", 1), env.forUri(uri("http://192.168.1.8/")));
    assertSame(Proxy.NONE, env.forUri(uri("http://[::1]:8080/")));
    assertSame(Proxy.NONE, env.forUri(uri("http://[fd12::1]/")));
    assertEquals(Proxy.http("p", 1), env.forUri(uri("http://[fe80::1]/")));
    Proxy all = Proxy.fromEnvironment(Map.of("all_proxy", "p:1", "NO_PROXY", "*"));
    assertSame(Proxy.NONE, all.forUri(uri("https://anything/")));
  }

  @Test
  void aSelectorIsAskedPerRequestAndItsAnswerMapped() {
    ProxySelector selector = new ProxySelector() {
      @Override
      public List<java.net.Proxy> select(URI uri) {
        switch (uri.getHost()) {
          case "http.test":
            return List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved("web", 3128)));
          case "socks.test":
            return List.of(new java.net.Proxy(java.net.Proxy.Type.SOCKS,
                InetSocketAddress.createUnresolved("sox", 1080)));
          default:
            return List.of(java.net.Proxy.NO_PROXY);
        }
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    };
    Proxy rule = Proxy.selector(selector);
    assertEquals(Proxy.Type.RULE, rule.type());
    assertEquals(Proxy.http("web", 3128), rule.forUri(uri("http://http.test/")));
    assertEquals(Proxy.socks5("sox", 1080).withLocalResolution(),
        rule.forUri(uri("http://socks.test/")));
    assertSame(Proxy.NONE, rule.forUri(uri("http://other.test/")));
  }

  @Test
  void exceptGoesDirectForTheListedHostsOnly() {
    Proxy proxy = Proxy.http("p", 1).except(".local,127.0.0.0/8");
    assertEquals(Proxy.Type.RULE, proxy.type());
    assertSame(Proxy.NONE, proxy.forUri(uri("http://printer.local/")));
    assertSame(Proxy.NONE, proxy.forUri(uri("https://127.0.0.1:8443/")));
    assertEquals(Proxy.http("p", 1), proxy.forUri(uri("https://example.com/")));
    assertSame(Proxy.NONE, Proxy.http("p", 1).except("*").forUri(uri("http://a/")));
    Proxy plain = Proxy.http("p", 1);
    assertSame(plain, plain.except(""));
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.concurrent.Futures;
import io.gust.server.TestServer;
import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import io.gust.testing.Nginx;
import io.gust.testing.SquidDigestProxy;
import io.gust.testing.Tinyproxy;
import io.gust.testing.TlsCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client through real proxies started on loopback: squid open, with Basic and with Digest
 * proxy authentication, and tinyproxy, for plain http (absolute form) and https (CONNECT), and
 * HTTP/2 inside a CONNECT tunnel to nginx; one tunnel per origin; the environment variables with
 * curl's rules. Skipped without squid, tinyproxy or nginx unless CI=true.
 */
@Timeout(90)
class RealProxiesEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private final ProxyOrigins origins = new ProxyOrigins();
  private final TestServer origin = origins.http;
  private final TestServer httpsOrigin = origins.https;
  private AutoCloseable proxy;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    origins.close();
  }

  private AsyncHttpClient client(Proxy via, Authenticator proxyAuthenticator) {
    AsyncHttpClient.Builder builder =
        ProxyOrigins.clientVia(via).connectTimeout(Duration.ofSeconds(20));
    if (proxyAuthenticator != null) {
      builder.proxyAuthenticator(proxyAuthenticator);
    }
    return leaks.track(builder.build());
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  private String httpUrl() {
    return "http://127.0.0.1:" + origin.port() + "/echo";
  }

  private String httpsUrl() {
    return "https://127.0.0.1:" + httpsOrigin.port() + "/echo";
  }

  private SquidDigestProxy squid(SquidDigestProxy started) {
    proxy = started;
    return started;
  }

  @Test
  void squidForwardsHttpAndTunnelsHttps() throws Exception {
    SquidDigestProxy squid = squid(SquidDigestProxy.startOpen(dir));
    AsyncHttpClient client = client(Proxy.http("127.0.0.1", squid.port()), null);
    HttpResponse plain = await(client.fetch(httpUrl()));
    assertEquals(200, plain.code());
    assertTrue(plain.bodyString().contains("squid"), "squid's Via: " + plain.bodyString());
    HttpResponse secure = await(client.fetch(httpsUrl()));
    assertEquals(200, secure.code());
    assertTrue(secure.bodyString().startsWith("GET /echo HTTP/2"), secure.bodyString());
    assertFalse(secure.bodyString().contains("squid"), "inside the tunnel squid sees nothing");
    assertTrue(await(client.fetch(httpsUrl())).isConnectionReused());
  }

  @Test
  void squidTunnelsHttp2ToNginxOnOneConnection() throws Exception {
    Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
    SquidDigestProxy squid = squid(SquidDigestProxy.startOpen(dir));
    try (Nginx nginx = Nginx.start(ExternalTools.require("nginx"), nginxDir,
        TlsCertificates.SERVER, true)) {
      AsyncHttpClient client = client(Proxy.http("127.0.0.1", squid.port()), null);
      String url = "https://127.0.0.1:" + nginx.port() + "/hello";
      assertEquals(Protocol.HTTP_2, await(client.fetch(url)).protocol());
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        all.add(client.fetch(url));
      }
      for (HttpResponse response : Futures.all(all).get(30, TimeUnit.SECONDS)) {
        assertEquals(Protocol.HTTP_2, response.protocol());
        assertEquals("hello from nginx\n", response.bodyString());
      }
      assertEquals(1, client.poolSnapshot().get(5, TimeUnit.SECONDS).open(),
          "one tunnel carries every stream");
      client.close();
    }
  }

  @Test
  void squidWithDigestAuthOpensTheTunnelForTheProxyAuthenticator() throws Exception {
    SquidDigestProxy squid = squid(SquidDigestProxy.start(dir, "gust", "user", "passwd"));
    AsyncHttpClient client = client(Proxy.http("127.0.0.1", squid.port()),
        Authenticator.digest("user", "passwd"));
    HttpResponse secure = await(client.fetch(httpsUrl()));
    assertEquals(200, secure.code());
    assertFalse(secure.bodyString().contains("Proxy-Authorization"), secure.bodyString());
    assertTrue(secure.timings().proxy().toNanos() > 0);
  }

  @Test
  void squidWithDigestAuthAcceptsCredentialsFromTheProxyUrl() throws Exception {
    SquidDigestProxy squid = squid(SquidDigestProxy.start(dir, "gust", "user", "passwd"));
    AsyncHttpClient client =
        client(Proxy.of("http://user:passwd@127.0.0.1:" + squid.port()), null);
    assertEquals(200, await(client.fetch(httpsUrl())).code());
  }

  @Test
  void squidRefusesAWrongDigestPasswordWith407() throws Exception {
    SquidDigestProxy squid = squid(SquidDigestProxy.start(dir, "gust", "user", "passwd"));
    AsyncHttpClient client = client(Proxy.http("127.0.0.1", squid.port()),
        Authenticator.digest("user", "wrong"));
    ExecutionException error =
        assertThrows(ExecutionException.class, () -> await(client.fetch(httpsUrl())));
    ProxyException refused = assertInstanceOf(ProxyException.class, error.getCause());
    assertEquals(407, refused.statusCode());
  }

  @Test
  void squidWithBasicAuthTakesPreemptiveCredentials() throws Exception {
    SquidDigestProxy squid = squid(SquidDigestProxy.startBasic(dir, "user", "passwd"));
    Proxy via = Proxy.http("127.0.0.1", squid.port()).withCredentials("user", "passwd");
    AsyncHttpClient client = client(via, null);
    assertEquals(200, await(client.fetch(httpsUrl())).code());
    HttpResponse plain = await(client.fetch(httpUrl()));
    assertEquals(200, plain.code());
    assertFalse(plain.bodyString().contains("Proxy-Authorization"), plain.bodyString());
  }

  @Test
  void tinyproxyForwardsHttpAndTunnelsHttps() throws Exception {
    Tinyproxy tiny = Tinyproxy.start(dir, null, null);
    proxy = tiny;
    AsyncHttpClient client = client(Proxy.http("127.0.0.1", tiny.port()), null);
    HttpResponse plain = await(client.fetch(httpUrl()));
    assertEquals(200, plain.code());
    assertTrue(plain.bodyString().toLowerCase().contains("tinyproxy"), plain.bodyString());
    assertEquals(200, await(client.fetch(httpsUrl())).code());
  }

  @Test
  void tinyproxyWithBasicAuthAnswersTheChallenge() throws Exception {
    Tinyproxy tiny = Tinyproxy.start(dir, "user", "passwd");
    proxy = tiny;
    AsyncHttpClient client = client(Proxy.http("127.0.0.1", tiny.port()),
        Authenticator.basic("user", "passwd"));
    assertEquals(200, await(client.fetch(httpsUrl())).code());
  }

  /**
   * Proxy.fromEnvironment through a real tinyproxy, with curl's rules: lowercase http_proxy for
   * http (tinyproxy's Via shows in the echo), HTTPS_PROXY for a CONNECT tunnel, no_proxy hosts
   * direct, and an uppercase HTTP_PROXY ignored.
   */
  @Test
  void theEnvironmentsProxiesAreFollowedWithCurlsRules() throws Exception {
    Tinyproxy tiny = Tinyproxy.start(dir, null, null);
    proxy = tiny;
    String url = "http://127.0.0.1:" + tiny.port();
    AsyncHttpClient client = client(Proxy.fromEnvironment(Map.of("http_proxy", url,
        "HTTPS_PROXY", url, "no_proxy", "localhost")), null);
    assertTrue(await(client.fetch(httpUrl())).bodyString().toLowerCase().contains("tinyproxy"));
    HttpResponse tunnelled = await(client.fetch(httpsUrl()));
    assertEquals(200, tunnelled.code());
    assertTrue(tunnelled.timings().proxy().toNanos() > 0, tunnelled.timings().toString());
    String direct = await(client.fetch(httpUrl().replace("127.0.0.1", "localhost"))).bodyString();
    assertFalse(direct.toLowerCase().contains("tinyproxy"), direct);
    AsyncHttpClient upper = client(Proxy.fromEnvironment(Map.of("HTTP_PROXY", url)),
        null);
    String ignored = await(upper.fetch(httpUrl())).bodyString();
    assertFalse(ignored.toLowerCase().contains("tinyproxy"), ignored);
  }

  /** Through one real proxy, each origin gets its own tunnel; a tunnel is reused for its own. */
  @Test
  void aTunnelThroughTinyproxyServesOneOriginOnly() throws Exception {
    Tinyproxy tiny = Tinyproxy.start(dir, null, null);
    proxy = tiny;
    try (ProxyOrigins others = new ProxyOrigins()) {
      AsyncHttpClient client = client(Proxy.http("127.0.0.1", tiny.port()), null);
      String otherUrl = "https://127.0.0.1:" + others.https.port() + "/echo";
      assertEquals(200, await(client.fetch(httpsUrl())).code());
      HttpResponse other = await(client.fetch(otherUrl));
      assertEquals(200, other.code());
      assertFalse(other.isConnectionReused(), "another origin, another tunnel");
      assertTrue(other.bodyString().contains(":" + others.https.port()), other.bodyString());
      assertTrue(await(client.fetch(httpsUrl())).isConnectionReused());
      assertEquals(2, client.poolSnapshot().get(5, TimeUnit.SECONDS).hosts().size());
    }
  }
}

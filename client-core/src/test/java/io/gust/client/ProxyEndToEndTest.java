package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import io.gust.testing.LoopbackPorts;
import io.gust.testing.ScriptedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP proxies over real sockets: a scripted proxy that forwards, tunnels, or misbehaves on
 * purpose (refuses, answers garbage, drops the tunnel, never answers), in front of the companion
 * server over http and https.
 */
@Timeout(60)
class ProxyEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final ProxyOrigins origins = new ProxyOrigins();
  private final TestServer origin = origins.http;
  private final TestServer httpsOrigin = origins.https;
  private ScriptedServer proxy;
  /** The heads the scripted proxy received, in order. */
  private final List<String> heads = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    origins.close();
  }

  private AsyncHttpClient client(Proxy choice) {
    return leaks.track(ProxyOrigins.clientVia(choice).connectTimeout(Duration.ofSeconds(5))
        .build());
  }

  private Proxy startProxy(ScriptedServer.Script script) throws IOException {
    proxy = ScriptedServer.start(script);
    return Proxy.http("127.0.0.1", proxy.port());
  }

  /** A proxy that forwards absolute-form requests and tunnels CONNECTs to the local origins. */
  private void forwardAndTunnel(Socket client, int index) throws Exception {
    ScriptedProxies.forwardAndTunnel(heads).run(client, index);
  }

  /** A proxy that answers every CONNECT with a Basic 407. */
  private void challenge(Socket socket, int index) throws IOException {
    heads.add(readHead(socket.getInputStream()));
    write(socket, "HTTP/1.1 407 Proxy Authentication Required\r\n"
        + "Proxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n");
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return HttpsEndToEndTest.await(future);
  }

  private static HttpClientException failure(CompletableFuture<HttpResponse> future) {
    return HttpsEndToEndTest.failure(future);
  }

  @Test
  void plainHttpGoesToTheProxyInAbsoluteForm() throws Exception {
    Proxy via = startProxy(this::forwardAndTunnel);
    String url = "http://127.0.0.1:" + origin.port() + "/echo?q=1";
    HttpResponse response = await(client(via).fetch(url));
    assertEquals(200, response.code());
    assertTrue(heads.get(0).startsWith("GET " + url + " HTTP/1.1\r\n"), heads.get(0));
    assertTrue(response.bodyString().contains("Via: 1.1 scripted"), response.bodyString());
  }

  @Test
  void proxyCredentialsGoPreemptivelyToAForwardingProxyOnly() throws Exception {
    Proxy via = startProxy(this::forwardAndTunnel).withCredentials("user", "pass");
    HttpResponse response =
        await(client(via).fetch("http://127.0.0.1:" + origin.port() + "/echo"));
    assertTrue(heads.get(0).contains("Proxy-Authorization: Basic dXNlcjpwYXNz\r\n"), heads.get(0));
    assertEquals(200, response.code());
  }

  @Test
  void httpsGoesThroughAConnectTunnelWithTlsToTheOrigin() throws Exception {
    Proxy via = startProxy(this::forwardAndTunnel).withCredentials("user", "pass");
    String authority = "127.0.0.1:" + httpsOrigin.port();
    HttpRequest request = HttpRequest.newBuilder("https://" + authority + "/echo")
        .header("Proxy-Authorization", "Basic c2VjcmV0").build();
    AsyncHttpClient client = client(via);
    HttpResponse first = await(client.fetch(request));
    HttpResponse second = await(client.fetch(request));
    assertTrue(heads.get(0).startsWith("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority
        + "\r\n"), heads.get(0));
    assertTrue(heads.get(0).contains("Proxy-Authorization: Basic dXNlcjpwYXNz\r\n"));
    assertFalse(first.bodyString().contains("Proxy-Authorization"), "never sent to the origin");
    assertTrue(first.bodyString().startsWith("GET /echo HTTP/2"), first.bodyString());
    assertTrue(second.isConnectionReused(), "the tunnel is pooled for its origin");
    assertEquals(1, heads.size());
    assertTrue(first.timings().proxy().toNanos() > 0, first.timings().toString());
    assertTrue(first.timings().tls().toNanos() > 0);
  }

  @Test
  void aTunnelIsNeverReusedForADirectRequestOrAnotherProxy() throws Exception {
    Proxy via = startProxy(this::forwardAndTunnel);
    String url = "https://127.0.0.1:" + httpsOrigin.port() + "/hello";
    AsyncHttpClient client = client(via);
    await(client.fetch(url));
    HttpResponse direct =
        await(client.fetch(HttpRequest.newBuilder(url).proxy(Proxy.NONE).build()));
    assertFalse(direct.isConnectionReused());
    HttpResponse other = await(client.fetch(HttpRequest.newBuilder(url)
        .proxy(via.withCredentials("a", "b")).build()));
    assertFalse(other.isConnectionReused());
    assertEquals(2, heads.size(), "a second tunnel for the other proxy credentials");
  }

  @Test
  void aRefusedConnectFailsWithItsStatus() throws Exception {
    Proxy via = startProxy((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    });
    HttpClientException error = failure(client(via).fetch("https://127.0.0.1:1/"));
    ProxyException refused = assertInstanceOf(ProxyException.class, error);
    assertEquals(403, refused.statusCode());
    assertEquals(Phase.PROXY, refused.phase());
    assertEquals(via, refused.proxy());
    assertTrue(refused.getMessage().contains("CONNECT tunnel failed, response 403"),
        refused.getMessage());
  }

  @Test
  void aProxyAnsweringGarbageFailsAsTheProxy() throws Exception {
    Proxy via = startProxy((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
    });
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(via).fetch("https://127.0.0.1:1/")));
    assertEquals(0, error.statusCode());
    assertEquals(Phase.PROXY, error.phase());
  }

  @Test
  void aProxyAnsweringWithoutEndFailsOnceTheHeadLimitIsPassed() throws Exception {
    Proxy via = startProxy((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\n" + "X-Filler: x\r\n".repeat(2000));
      socket.getInputStream().read();
    });
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().proxy(via)
        .maxHeaderBytes(8192).build());
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client.fetch("https://127.0.0.1:1/")));
    assertTrue(error.getMessage().contains("too large"), error.getMessage());
  }

  @Test
  void aProxyDroppingTheTunnelFailsAsTheProxy() throws Exception {
    Proxy via = startProxy((socket, index) -> {
      readHead(socket.getInputStream());
      socket.close();
    });
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(via).fetch("https://127.0.0.1:1/")));
    assertEquals(Phase.PROXY, error.phase());
  }

  @Test
  void aProxyThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Proxy http = startProxy((socket, index) -> {
      socket.getInputStream().read();
      release.await(30, TimeUnit.SECONDS);
    });
    for (Proxy via : List.of(http, Proxy.socks5("127.0.0.1", http.port()),
        Proxy.socks4a("127.0.0.1", http.port()))) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().proxy(via)
          .connectTimeout(Duration.ofMillis(300)).build());
      HttpClientException error = failure(client.fetch("https://127.0.0.1:1/"));
      FetchTimeoutException timeout = assertInstanceOf(FetchTimeoutException.class, error);
      assertEquals(Phase.PROXY, timeout.phase(), via.toString());
      assertEquals(Duration.ofMillis(300), timeout.timeout());
    }
    release.countDown();
  }

  @Test
  void aProxyThatRefusesConnectionsFailsInTheConnectPhase() throws Exception {
    int closed = LoopbackPorts.free();
    Proxy via = Proxy.http("127.0.0.1", closed);
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(via).fetch("http://127.0.0.1:" + origin.port() + "/hello")));
    assertEquals(Phase.CONNECT, error.phase());
    assertEquals(via, error.proxy());
  }

  @Test
  void anUnresolvableProxyFailsInTheDnsPhase() throws Exception {
    Resolver refusing = (loop, host, port, family) -> CompletableFuture.failedFuture(
        new java.net.UnknownHostException(host));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .proxy(Proxy.http("proxy.example", 3128)).resolver(refusing).build());
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client.fetch("http://127.0.0.1:" + origin.port() + "/hello")));
    assertEquals(Phase.DNS, error.phase());
    assertTrue(error.getMessage().contains("proxy.example"), error.getMessage());
  }

  @Test
  void aConnect407WithoutAnAuthenticatorIsReportedWithItsStatus() throws Exception {
    Proxy via = startProxy(this::challenge);
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(via).fetch("https://127.0.0.1:1/")));
    assertEquals(407, error.statusCode());
    assertEquals(1, heads.size());
  }

  @Test
  void aConnect407IsAnsweredABoundedNumberOfTimes() throws Exception {
    Proxy via = startProxy(this::challenge);
    Authenticator always = (response, challenges, attempt) -> CompletableFuture.completedFuture(
        response.request().newBuilder().setHeader("Proxy-Authorization", "Basic eDp5").build());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().proxy(via)
        .proxyAuthenticator(always).build());
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client.fetch("https://127.0.0.1:1/")));
    assertEquals(407, error.statusCode());
    assertEquals(ProxyTunnel.MAX_ROUNDS, heads.size());
    assertFalse(heads.get(0).contains("Proxy-Authorization"), "nothing sent before a challenge");
    assertTrue(heads.get(1).contains("Proxy-Authorization: Basic eDp5\r\n"), heads.get(1));
  }

  @Test
  void aSocksProxyThatAnswersWithAnotherProtocolFailsInTheProxyPhase() throws Exception {
    ScriptedServer socks = ScriptedServer.start((socket, index) -> {
      socket.getInputStream().read();
      socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    });
    try {
      ProxyException error = assertInstanceOf(ProxyException.class, failure(
          client(Proxy.socks5("127.0.0.1", socks.port())).fetch("http://127.0.0.1:1/")));
      assertEquals(Phase.PROXY, error.phase());
      assertTrue(error.getMessage().startsWith("SOCKS5 handshake failed"), error.getMessage());
      assertInstanceOf(io.gust.net.SocksException.class, error.getCause());
    } finally {
      socks.close();
    }
  }

  @Test
  void aRequestMayGoDirectWhenTheClientUsesAProxy() throws Exception {
    Proxy via = startProxy(this::forwardAndTunnel);
    HttpResponse response = await(client(via).fetch(HttpRequest.newBuilder(
        "http://127.0.0.1:" + origin.port() + "/hello").proxy(Proxy.NONE).build()));
    assertEquals("hello\n", response.bodyString());
    assertTrue(heads.isEmpty());
    assertEquals(Duration.ZERO, response.timings().proxy());
  }

  @Test
  void aSelectorChoosesPerRequestOnTheLoop() throws Exception {
    startProxy(this::forwardAndTunnel);
    List<String> asked = new CopyOnWriteArrayList<>();
    ProxySelector selector = new ProxySelector() {
      @Override
      public List<java.net.Proxy> select(java.net.URI uri) {
        asked.add(uri.getPath() + " " + Thread.currentThread().getName());
        return List.of(uri.getPath().equals("/hello") ? java.net.Proxy.NO_PROXY
            : new java.net.Proxy(java.net.Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved("127.0.0.1", proxy.port())));
      }

      @Override
      public void connectFailed(java.net.URI uri, SocketAddress address, IOException e) {}
    };
    AsyncHttpClient client = client(Proxy.selector(selector));
    await(client.fetch("http://127.0.0.1:" + origin.port() + "/hello"));
    await(client.fetch("http://127.0.0.1:" + origin.port() + "/echo"));
    assertEquals(1, heads.size(), "only /echo went through the proxy");
    assertTrue(asked.get(0).startsWith("/hello gust-loop"), asked.toString());
    assertEquals(2, asked.size());
  }

  @Test
  void aSelectorThatThrowsFailsTheFetch() throws Exception {
    ProxySelector broken = new ProxySelector() {
      @Override
      public List<java.net.Proxy> select(java.net.URI uri) {
        throw new IllegalArgumentException("no rule for " + uri.getHost());
      }

      @Override
      public void connectFailed(java.net.URI uri, SocketAddress address, IOException e) {}
    };
    HttpClientException error = failure(client(Proxy.selector(broken))
        .fetch("http://127.0.0.1:" + origin.port() + "/hello"));
    assertInstanceOf(IllegalArgumentException.class, error.getCause());
  }

  @Test
  void bytesAfterTheProxyAcceptedConnectFailTheTunnel() throws Exception {
    Proxy via = startProxy((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\n\r\n");
      socket.getInputStream().read();
    });
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(via).fetch("https://127.0.0.1:1/")));
    assertEquals(200, error.statusCode());
    assertTrue(error.getMessage().contains("bytes after accepting CONNECT"), error.getMessage());
  }

  @Test
  void cancellingWhileTheProxyIsSilentClosesTheTunnel() throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    CountDownLatch hungUp = new CountDownLatch(1);
    Proxy via = startProxy((socket, index) -> {
      readHead(socket.getInputStream());
      connected.countDown();
      if (socket.getInputStream().read() == -1) {
        hungUp.countDown();
      }
    });
    CompletableFuture<HttpResponse> fetch = client(via).fetch("https://127.0.0.1:1/");
    assertTrue(connected.await(10, TimeUnit.SECONDS));
    assertTrue(fetch.cancel(true));
    assertTrue(hungUp.await(10, TimeUnit.SECONDS), "the client closed the proxy connection");
  }
}

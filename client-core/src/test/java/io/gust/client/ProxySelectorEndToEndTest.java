package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.client.HttpsEndToEndTest.failure;
import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.LoopbackPorts;
import io.gust.testing.ManualLoop;
import io.gust.testing.ScriptedServer;
import io.gust.testing.Tinyproxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Proxy#selector}: the selector hears {@code connectFailed} when the proxy it chose cannot
 * be resolved or connected to (and only then), its next answers are tried in turn (a real
 * tinyproxy after a refused one; DIRECT only when listed), and the pool snapshot says which proxy
 * each host's connections go through.
 */
@Timeout(60)
class ProxySelectorEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;
  private final ProxyOrigins origins = new ProxyOrigins();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private ScriptedServer proxy;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    origins.close();
  }

  /** A selector answering {@code address} for every URI, recording its connectFailed calls. */
  private ProxySelector selector(SocketAddress address, boolean throwing) {
    return new ProxySelector() {
      @Override
      public List<java.net.Proxy> select(URI uri) {
        return List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP, address));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress failed, IOException error) {
        failures.add(uri + " " + (failed == address) + " " + error.getClass().getSimpleName()
            + " " + Thread.currentThread().getName());
        if (throwing) {
          throw new IllegalStateException("selector bug");
        }
      }
    };
  }

  /** A selector giving {@code answers} for every URI, recording which proxies failed. */
  private ProxySelector answering(java.net.Proxy... answers) {
    return new ProxySelector() {
      @Override
      public List<java.net.Proxy> select(URI uri) {
        return List.of(answers);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress failed, IOException error) {
        failures.add(((InetSocketAddress) failed).getPort() + " "
            + error.getClass().getSimpleName());
      }
    };
  }

  private static java.net.Proxy httpAnswer(String host, int port) {
    return new java.net.Proxy(java.net.Proxy.Type.HTTP,
        InetSocketAddress.createUnresolved(host, port));
  }

  private AsyncHttpClient client(ProxySelector selector) {
    return leaks.track(ProxyOrigins.clientVia(Proxy.selector(selector)).build());
  }

  @Test
  void aRefusedProxyIsReportedToTheSelector() throws Exception {
    SocketAddress refused = InetSocketAddress.createUnresolved("127.0.0.1", LoopbackPorts.free());
    String url = "http://127.0.0.1:" + origins.http.port() + "/hello";
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(selector(refused, false)).fetch(url)));
    assertEquals(Phase.CONNECT, error.phase());
    assertEquals(1, failures.size(), failures.toString());
    assertTrue(failures.get(0).startsWith(url + " true "), failures.toString());
    assertTrue(failures.get(0).contains("gust-loop"), failures.toString());
  }

  @Test
  void anUnresolvableProxyIsReportedAndASelectorThatThrowsChangesNothing() throws Exception {
    SocketAddress nowhere = InetSocketAddress.createUnresolved("proxy.invalid", 3128);
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(selector(nowhere, true)).fetch("https://127.0.0.1:1/")));
    assertEquals(Phase.DNS, error.phase());
    assertEquals(1, failures.size(), failures.toString());
    assertTrue(failures.get(0).startsWith("https://127.0.0.1:1/ true UnknownHostException"),
        failures.toString());
  }

  @Test
  void aProxyThatAnswersIsNeverReportedEvenWhenItRefusesConnect() throws Exception {
    proxy = ScriptedServer.start((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    });
    SocketAddress address = new InetSocketAddress("127.0.0.1", proxy.port());
    ProxyException error = assertInstanceOf(ProxyException.class,
        failure(client(selector(address, false)).fetch("https://127.0.0.1:1/")));
    assertEquals(403, error.statusCode());
    assertEquals(List.of(), failures);
  }

  @Test
  void thePoolSnapshotSaysWhichProxyAHostsConnectionsGoThrough() throws Exception {
    List<String> heads = new CopyOnWriteArrayList<>();
    proxy = ScriptedServer.start(ScriptedProxies.forwardAndTunnel(heads));
    Proxy via = Proxy.http("127.0.0.1", proxy.port());
    AsyncHttpClient client = leaks.track(ProxyOrigins.clientVia(via).build());
    String url = "https://127.0.0.1:" + origins.https.port() + "/hello";
    await(client.fetch(url));
    await(client.fetch(HttpRequest.newBuilder(url).proxy(Proxy.NONE).build()));
    List<PoolSnapshot.Host> hosts = client.poolSnapshot().get(5, TimeUnit.SECONDS).hosts()
        .stream().sorted(Comparator.comparing(host -> host.proxy().toString())).toList();
    assertEquals(2, hosts.size(), hosts.toString());
    assertSame(Proxy.NONE, hosts.get(0).proxy());
    assertEquals(via, hosts.get(1).proxy());
    assertEquals("http://127.0.0.1:" + proxy.port(), hosts.get(1).proxy().toString());
    assertEquals(origins.https.port(), hosts.get(1).port());
    assertEquals(1, heads.size());
  }

  @Test
  void theNextAnswerCarriesTheFetchWhenTheFirstProxyRefuses() throws Exception {
    int refused = LoopbackPorts.free();
    try (Tinyproxy tinyproxy = Tinyproxy.start(dir, null, null)) {
      AsyncHttpClient client = client(answering(httpAnswer("127.0.0.1", refused),
          httpAnswer("127.0.0.1", tinyproxy.port()), java.net.Proxy.NO_PROXY));
      HttpResponse response =
          await(client.fetch("https://127.0.0.1:" + origins.https.port() + "/hello"));
      assertEquals(200, response.code());
      assertEquals(List.of(refused + " ConnectFailedException"), failures);
      List<PoolSnapshot.Host> hosts = client.poolSnapshot().get(5, TimeUnit.SECONDS).hosts();
      assertEquals(1, hosts.size(), hosts.toString());
      assertEquals(tinyproxy.port(), hosts.get(0).proxy().port());
    }
  }

  @Test
  void whenEveryAnswerFailsTheLastOnesErrorCarriesTheOthers() throws Exception {
    int refused = LoopbackPorts.free();
    ProxySelector selector = answering(httpAnswer("127.0.0.1", refused),
        httpAnswer("proxy.invalid", 3128));
    ProxyException error = assertInstanceOf(ProxyException.class, failure(client(selector)
        .fetch("http://127.0.0.1:" + origins.http.port() + "/hello")));
    assertEquals(Phase.DNS, error.phase());
    assertEquals("proxy.invalid", error.proxy().host());
    assertEquals(1, error.getSuppressed().length);
    ProxyException first = assertInstanceOf(ProxyException.class, error.getSuppressed()[0]);
    assertEquals(Phase.CONNECT, first.phase());
    assertEquals(refused, first.proxy().port());
    assertEquals(List.of(refused + " ConnectFailedException",
        "3128 UnknownHostException"), failures);
  }

  @Test
  void aDirectAnswerIsTriedInTurnAndEndsTheList() throws Exception {
    int refused = LoopbackPorts.free();
    ProxySelector selector = answering(httpAnswer("127.0.0.1", refused),
        java.net.Proxy.NO_PROXY, httpAnswer("proxy.invalid", 3128));
    HttpResponse response = await(client(selector)
        .fetch("http://127.0.0.1:" + origins.http.port() + "/hello"));
    assertEquals(200, response.code());
    assertEquals(List.of(refused + " ConnectFailedException"), failures);
    String closedOrigin = "http://127.0.0.1:" + LoopbackPorts.free() + "/";
    HttpConnectException error = assertInstanceOf(HttpConnectException.class,
        failure(client(selector).fetch(closedOrigin)));
    assertEquals(Phase.CONNECT, error.phase());
    assertTrue(!(error instanceof ProxyException), error.toString());
    assertEquals(1, error.getSuppressed().length, error.toString());
    assertEquals(List.of(refused + " ConnectFailedException",
        refused + " ConnectFailedException"), failures);
  }

  /**
   * The next answer continues the first one's connect deadline: the first proxy's name fails
   * halfway through it, the second's lookup never ends, and the fetch times out when the one
   * deadline is due, not a whole timeout after the failover.
   */
  @Test
  void theNextAnswerGetsWhatIsLeftOfTheConnectTimeout() throws Exception {
    Duration timeout = Duration.ofSeconds(60);
    Map<String, CompletableFuture<List<InetSocketAddress>>> lookups = new ConcurrentHashMap<>();
    Resolver held = (loop, host, port, family) ->
        lookups.computeIfAbsent(host, h -> new CompletableFuture<>());
    try (ManualLoop manual = new ManualLoop()) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loop(manual.loop)
          .resolver(held).connectTimeout(timeout).requestTimeout(timeout.multipliedBy(3))
          .proxy(Proxy.selector(answering(httpAnswer("first.test", 3128),
              httpAnswer("second.test", 3129)))).build());
      CompletableFuture<HttpResponse> fetch = client.fetch("http://origin.test/");
      manual.pass();
      manual.advance(timeout.dividedBy(2));
      manual.loop.execute(() -> lookups.get("first.test")
          .completeExceptionally(new UnknownHostException("first.test")));
      manual.pass();
      assertTrue(lookups.containsKey("second.test"), "the second answer was not tried");
      manual.advanceOnto(timeout.dividedBy(2), fetch);
      ExecutionException error = assertThrows(ExecutionException.class,
          () -> fetch.get(10, TimeUnit.SECONDS));
      FetchTimeoutException timedOut =
          assertInstanceOf(FetchTimeoutException.class, error.getCause());
      assertEquals(Phase.DNS, timedOut.phase());
      assertInstanceOf(ProxyException.class, timedOut.getSuppressed()[0]);
      assertEquals(List.of("3128 UnknownHostException", "3129 SocketTimeoutException"),
          failures);
      client.close();
    }
  }
}

package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.net.TlsHandshakeException;
import io.gust.testing.Eventually;
import io.gust.testing.FullBacklog;
import io.gust.testing.LeakCheck;
import io.gust.testing.ManualLoop;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pool expiry and the connect (lookup and TLS handshake included), read and request timeouts
 * over real sockets, on a loop whose clock the test moves: each deadline is passed at once, and
 * each is shown not to fire a millisecond before it is due. A failed fetch must leave no timer
 * of its own on the loop; {@link LeakCheck} checks that no pool slot or socket is left behind.
 */
@Timeout(30)
class LoopClockTimeoutsEndToEndTest {
  /** A deadline as an application would set it: far longer than any test could wait for. */
  private static final Duration LONG = Duration.ofSeconds(60);

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final ManualLoop manual = new ManualLoop();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    manual.close();
  }

  private AsyncHttpClient client(AsyncHttpClient.Builder builder) {
    AsyncHttpClient client = leaks.track(builder.loop(manual.loop).build());
    closeables.add(0, client);
    return client;
  }

  private ScriptedServer serve(ScriptedServer.Script script) throws Exception {
    ScriptedServer server = ScriptedServer.start(script);
    closeables.add(server);
    return server;
  }

  /**
   * Moves the clock onto {@code deadline}, checking {@code fetch} did not fail a millisecond
   * earlier; returns the timeout it failed with, having checked that it names {@code deadline}.
   */
  private FetchTimeoutException expire(Duration deadline, CompletableFuture<HttpResponse> fetch)
      throws Exception {
    manual.advanceOnto(deadline, fetch);
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> fetch.get(10, TimeUnit.SECONDS));
    FetchTimeoutException timeout =
        assertInstanceOf(FetchTimeoutException.class, error.getCause());
    assertEquals(deadline, timeout.timeout());
    return timeout;
  }

  private PoolSnapshot pool(AsyncHttpClient client) throws Exception {
    return client.poolSnapshot().get(10, TimeUnit.SECONDS);
  }

  @Test
  void idleConnectionIsEvictedWhenTheClockPassesTheIdleTimeout() throws Exception {
    CompletableFuture<Void> clientClosed = new CompletableFuture<>();
    ScriptedServer server = serve((socket, index) -> {
      ScriptedServer.keepAliveOk(socket, index);
      clientClosed.complete(null);
    });
    AsyncHttpClient client = client(AsyncHttpClient.builder().idleTimeout(LONG));
    assertEquals("ok", client.fetch(server.url("/")).get(10, TimeUnit.SECONDS).bodyString());
    Eventually.assertThat(Duration.ofSeconds(10), () -> "the connection never went idle",
        () -> pool(client).idle() == 1);
    manual.advance(LONG.minusMillis(1));
    assertEquals(1, pool(client).idle(), "evicted before the idle timeout");
    manual.advance(Duration.ofMillis(1));
    assertEquals(0, pool(client).open(), "still pooled after the idle timeout");
    clientClosed.get(10, TimeUnit.SECONDS);
    assertEquals(0, manual.pendingTimers(), "a timer outlived the evicted connection");
    HttpResponse next = client.fetch(server.url("/next")).get(10, TimeUnit.SECONDS);
    assertFalse(next.isConnectionReused());
    assertEquals(2, server.acceptedCount());
  }

  @Test
  void readTimeoutFailsTheBodyPhaseWhenTheServerFallsSilent() throws Exception {
    ScriptedServer server = serve((socket, index) -> {
      readHead(socket.getInputStream());
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
      socket.getInputStream().read();
    });
    AsyncHttpClient client = client(AsyncHttpClient.builder().requestTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> headers = new CompletableFuture<>();
    CompletableFuture<HttpResponse> fetch = client.fetch(HttpRequest.newBuilder(server.url("/"))
        .readTimeout(LONG).headerCallback(headers::complete).build());
    assertEquals(200, headers.get(10, TimeUnit.SECONDS).code()); // the last bytes that arrive
    assertEquals(Phase.BODY, expire(LONG, fetch).phase());
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed exchange");
  }

  @Test
  void requestTimeoutFailsTheHeadersPhaseWhenTheServerNeverAnswers() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    ScriptedServer server = serve((socket, index) -> {
      readHead(socket.getInputStream());
      requested.countDown();
      socket.getInputStream().read();
    });
    AsyncHttpClient client = client(AsyncHttpClient.builder().requestTimeout(LONG));
    CompletableFuture<HttpResponse> fetch = client.fetch(server.url("/"));
    assertEquals(true, requested.await(10, TimeUnit.SECONDS));
    assertEquals(Phase.HEADERS, expire(LONG, fetch).phase());
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed exchange");
  }

  @Test
  void fetchesOnTheDefaultTimeoutShareOneTimerYetEachFailsAtItsOwnDeadline() throws Exception {
    CountDownLatch requested = new CountDownLatch(3);
    ScriptedServer server = serve((socket, index) -> {
      readHead(socket.getInputStream());
      requested.countDown();
      socket.getInputStream().read();
    });
    AsyncHttpClient client = client(AsyncHttpClient.builder().requestTimeout(LONG));
    Duration apart = Duration.ofSeconds(10);
    CompletableFuture<HttpResponse> first = client.fetch(server.url("/1"));
    manual.advance(apart);
    CompletableFuture<HttpResponse> second = client.fetch(server.url("/2"));
    CompletableFuture<HttpResponse> own = client.fetch(HttpRequest.newBuilder(server.url("/3"))
        .requestTimeout(LONG.plus(apart)).build());
    assertTrue(requested.await(10, TimeUnit.SECONDS));
    assertEquals(2, manual.pendingTimers(), "one timer for the two default deadlines, one own");

    manual.advanceOnto(LONG.minus(apart), first);
    assertTimedOut(LONG, first);
    assertFalse(second.isDone(), "the second fetch timed out with the first");
    manual.advanceOnto(apart, second);
    assertTimedOut(LONG, second);
    assertEquals(1, manual.pendingTimers(), "the shared timer outlived its fetches");
    manual.advanceOnto(apart, own);
    assertTimedOut(LONG.plus(apart), own);
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed fetches");
  }

  private static void assertTimedOut(Duration timeout, CompletableFuture<HttpResponse> fetch) {
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> fetch.get(10, TimeUnit.SECONDS));
    FetchTimeoutException cause = assertInstanceOf(FetchTimeoutException.class, error.getCause());
    assertEquals(timeout, cause.timeout());
    assertEquals(Phase.HEADERS, cause.phase());
  }

  @Test
  void queuedFetchRequestTimeoutCountsItsQueueTime() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedServer server = serve((socket, index) -> {
      InputStream in = socket.getInputStream();
      readHead(in);
      requested.countDown();
      release.await(10, TimeUnit.SECONDS);
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
      in.read();
    });
    AsyncHttpClient client = client(AsyncHttpClient.builder().maxConnections(1)
        .requestTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> holder = client.fetch(server.url("/hold"));
    CompletableFuture<HttpResponse> queued = client.fetch(HttpRequest.newBuilder(server.url("/q"))
        .requestTimeout(LONG).build());
    assertEquals(true, requested.await(10, TimeUnit.SECONDS));
    assertEquals(Phase.QUEUE, expire(LONG, queued).phase());
    release.countDown();
    assertEquals(200, holder.get(10, TimeUnit.SECONDS).code());
    assertEquals(1, server.acceptedCount(), "the timed-out fetch never got a connection");
  }

  @Test
  void connectTimeoutFailsTheConnectPhaseWhenThePeerAcceptsNothing() throws Exception {
    FullBacklog silent = FullBacklog.open(InetAddress.getLoopbackAddress());
    closeables.add(silent);
    AsyncHttpClient client = client(AsyncHttpClient.builder().connectTimeout(LONG)
        .requestTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> fetch =
        client.fetch("http://127.0.0.1:" + silent.address().getPort() + "/");
    manual.pass(); // the fetch has started on the loop, so its deadline counts from now
    assertEquals(Phase.CONNECT, expire(LONG, fetch).phase());
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed connect");
  }

  /** A resolver whose lookups never complete; keeps them to check they were cancelled. */
  private static final class SilentResolver implements Resolver {
    final List<CompletableFuture<List<InetSocketAddress>>> lookups = new ArrayList<>();

    @Override
    public CompletableFuture<List<InetSocketAddress>> resolve(EventLoop loop, String host,
        int port, AddressFamily family) {
      CompletableFuture<List<InetSocketAddress>> never = new CompletableFuture<>();
      lookups.add(never);
      return never;
    }
  }

  /** Pins: a resolver that never answered was stopped only by the request timeout. */
  @Test
  void resolverThatNeverAnswersHitsTheConnectTimeoutInTheDnsPhase() throws Exception {
    SilentResolver resolver = new SilentResolver();
    AsyncHttpClient client = client(AsyncHttpClient.builder().resolver(resolver)
        .connectTimeout(LONG).requestTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> fetch = client.fetch("http://never.test/");
    manual.pass();
    assertEquals(Phase.DNS, expire(LONG, fetch).phase());
    assertTrue(resolver.lookups.get(0).isCancelled(), "the lookup is cancelled");
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed lookup");
  }

  @Test
  void perRequestConnectTimeoutAlsoCoversTheLookup() throws Exception {
    AsyncHttpClient client = client(AsyncHttpClient.builder().resolver(new SilentResolver())
        .requestTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> fetch = client.fetch(
        HttpRequest.newBuilder("http://never.test/").connectTimeout(LONG).build());
    manual.pass();
    assertEquals(Phase.DNS, expire(LONG, fetch).phase());
  }

  /** A server that waits for the first bytes of a client hello, then never answers. */
  private String silentAfterHello(CountDownLatch hello) throws Exception {
    ScriptedServer server = serve((socket, index) -> {
      socket.getInputStream().read();
      hello.countDown();
      socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    });
    return server.url("/stall").replace("http://", "https://");
  }

  /** Trusts the test certificates; the handshake may take {@code handshake} (10 s by default). */
  private static TlsOptions tls(Duration handshake) {
    return TlsOptions.builder().sslContext(TlsCertificates.clientContext())
        .handshakeTimeout(handshake).build();
  }

  @Test
  void stalledHandshakeHitsTheConnectTimeoutInTheTlsPhase() throws Exception {
    CountDownLatch hello = new CountDownLatch(1);
    String url = silentAfterHello(hello);
    AsyncHttpClient client = client(AsyncHttpClient.builder()
        .tls(tls(LONG.multipliedBy(2))).connectTimeout(LONG).requestTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> fetch = client.fetch(url);
    assertTrue(hello.await(10, TimeUnit.SECONDS));
    assertEquals(Phase.TLS, expire(LONG, fetch).phase());
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed handshake");
  }

  @Test
  void requestTimeoutDuringTheHandshakeNamesTheTlsPhase() throws Exception {
    CountDownLatch hello = new CountDownLatch(1);
    String url = silentAfterHello(hello);
    AsyncHttpClient client = client(AsyncHttpClient.builder()
        .tls(tls(LONG.multipliedBy(2))).connectTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> fetch =
        client.fetch(HttpRequest.newBuilder(url).requestTimeout(LONG).build());
    assertTrue(hello.await(10, TimeUnit.SECONDS));
    assertEquals(Phase.TLS, expire(LONG, fetch).phase());
  }

  @Test
  void stalledHandshakeHitsTheHandshakeTimeoutWithItsTlsFailure() throws Exception {
    CountDownLatch hello = new CountDownLatch(1);
    String url = silentAfterHello(hello);
    AsyncHttpClient client = client(AsyncHttpClient.builder()
        .tls(tls(LONG)).connectTimeout(LONG.multipliedBy(2)).requestTimeout(LONG.multipliedBy(2)));
    CompletableFuture<HttpResponse> fetch = client.fetch(url);
    assertTrue(hello.await(10, TimeUnit.SECONDS));
    FetchTimeoutException timeout = expire(LONG, fetch);
    assertEquals(Phase.TLS, timeout.phase());
    TlsHandshakeException cause =
        assertInstanceOf(TlsHandshakeException.class, timeout.getCause());
    assertEquals(TlsFailure.HANDSHAKE_TIMEOUT, cause.failure());
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed handshake");
  }

  /** Callback users see the deadline as the same timeout as future users, not as a cancel. */
  @Test
  void requestTimeoutIsTheSameTimeoutInBothStyles() throws Exception {
    CountDownLatch requested = new CountDownLatch(2);
    ScriptedServer server = serve((socket, index) -> {
      readHead(socket.getInputStream());
      requested.countDown();
      socket.getInputStream().read();
    });
    AsyncHttpClient client = client(AsyncHttpClient.builder());
    HttpRequest request = HttpRequest.newBuilder(server.url("/slow")).requestTimeout(LONG).build();
    RecordingCallback callback = new RecordingCallback();
    client.fetch(request, callback);
    CompletableFuture<HttpResponse> future = client.fetch(request);
    assertTrue(requested.await(10, TimeUnit.SECONDS)); // both connected: no connect timer left
    assertEquals(Phase.HEADERS, expire(LONG, future).phase());
    assertFalse(future.isCancelled());
    FetchTimeoutException heard = assertInstanceOf(FetchTimeoutException.class, callback.failure());
    assertEquals(LONG, heard.timeout());
  }

  @Test
  void requestTimeoutBoundsACallStuckInItsInterceptors() throws Exception {
    CompletableFuture<HttpResponse> stuck = new CompletableFuture<>();
    AsyncHttpClient client = client(AsyncHttpClient.builder().requestTimeout(LONG)
        .addInterceptor(chain -> stuck));
    CompletableFuture<HttpResponse> fetch = client.fetch("http://127.0.0.1:9/never");
    manual.pass();
    assertEquals(Phase.QUEUE, expire(LONG, fetch).phase());
    assertEquals(0, manual.pendingTimers(), "a timer outlived the failed call");
  }
}

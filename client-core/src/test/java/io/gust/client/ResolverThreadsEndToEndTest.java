package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gust.loop.EventLoop;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resolver whose future completes on a thread other than the loop's (the test's own thread):
 * the client still continues on its loop, so results reach callbacks and futures there.
 */
@Timeout(20)
class ResolverThreadsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final ForeignResolver resolver = new ForeignResolver();
  private final EventLoop loop = EventLoop.create();
  private AsyncHttpClient client;
  private ScriptedServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = ScriptedServer.start(ScriptedServer::keepAliveOk);
    client = leaks.track(AsyncHttpClient.builder().loop(loop).resolver(resolver).build());
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    loop.close();
    server.close();
  }

  /** Regression: a lookup failed off the loop reported the failure on the resolver's thread. */
  @Test
  void failedLookupCompletedElsewhereIsReportedOnTheLoop() throws Exception {
    RecordingCallback callback = new RecordingCallback();
    client.fetch(HttpRequest.get("http://nowhere.test:1/"), callback);
    resolver.next().completeExceptionally(new UnknownHostException("nowhere.test"));
    assertSame(loop, callback.loop.get(5, TimeUnit.SECONDS));
    HttpClientException error = callback.failure();
    assertInstanceOf(HttpConnectException.class, error);
    assertEquals(Phase.DNS, error.phase());
  }

  /** Regression: the same, seen by a future's dependent stage. */
  @Test
  void failedLookupCompletedElsewhereCompletesTheFutureOnTheLoop() throws Exception {
    CompletableFuture<HttpResponse> fetched = client.fetch("http://nowhere.test:1/");
    CompletableFuture<EventLoop> stageLoop = fetched.handle((r, e) -> EventLoop.current());
    resolver.next().completeExceptionally(new UnknownHostException("nowhere.test"));
    assertSame(loop, stageLoop.get(5, TimeUnit.SECONDS));
  }

  @Test
  void lookupCompletedElsewhereStillFetches() throws Exception {
    CompletableFuture<HttpResponse> fetched =
        client.fetch("http://app.test:" + server.port() + "/");
    CompletableFuture<EventLoop> stageLoop = fetched.handle((r, e) -> EventLoop.current());
    resolver.next().complete(
        List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port())));
    // Await the stage first: a thread waiting in the fetch's get() may run its dependents.
    assertSame(loop, stageLoop.get(5, TimeUnit.SECONDS));
    assertEquals(200, fetched.get(5, TimeUnit.SECONDS).code());
  }

  /** Hands each lookup's future to the test, which completes it from its own thread. */
  private static final class ForeignResolver implements Resolver {
    private final LinkedBlockingQueue<CompletableFuture<List<InetSocketAddress>>> lookups =
        new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<List<InetSocketAddress>> resolve(
        EventLoop loop, String host, int port, AddressFamily family) {
      CompletableFuture<List<InetSocketAddress>> lookup = new CompletableFuture<>();
      lookups.add(lookup);
      return lookup;
    }

    CompletableFuture<List<InetSocketAddress>> next() throws InterruptedException {
      CompletableFuture<List<InetSocketAddress>> lookup = lookups.poll(5, TimeUnit.SECONDS);
      assertNotNull(lookup, "the client asked for no lookup");
      return lookup;
    }
  }
}

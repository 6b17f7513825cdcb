package io.gust.client;

import static io.gust.testing.ScriptedServer.readHead;
import static io.gust.testing.ScriptedServer.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoopGroup;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class PoolEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  private ScriptedServer serve(ScriptedServer.Script script) throws Exception {
    ScriptedServer server = ScriptedServer.start(script);
    return leaks.closing(server);
  }

  private static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  void thousandConcurrentFetchesShareTenConnections() throws Exception {
    ScriptedServer server = serve(ScriptedServer::keepAliveOk);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().maxConnections(10).build());
    List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(client.fetch(server.url("/" + i)));
    }
    for (CompletableFuture<HttpResponse> future : all) {
      assertEquals("ok", await(future).bodyString());
    }
    assertTrue(server.maxOpenCount() <= 10, "open at once: " + server.maxOpenCount());
    assertTrue(server.acceptedCount() <= 10, "accepted: " + server.acceptedCount());
  }

  @Test
  void cancellingAFetchMidBodyFreesItsSlotForTheNext() throws Exception {
    CountDownLatch bodyStarted = new CountDownLatch(1);
    ScriptedServer server = serve((socket, index) -> {
      InputStream in = socket.getInputStream();
      readHead(in);
      if (index == 0) {
        write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
        bodyStarted.countDown();
        in.read();
        return;
      }
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext");
      in.read();
    });
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().maxConnections(1).build());
    CompletableFuture<HttpResponse> first = client.fetch(server.url("/big"));
    assertTrue(bodyStarted.await(5, TimeUnit.SECONDS));
    CompletableFuture<HttpResponse> second = client.fetch(server.url("/next"));
    assertTrue(first.cancel(true));
    assertEquals("next", await(second).bodyString());
    PoolSnapshot snapshot = client.poolSnapshot().get(5, TimeUnit.SECONDS);
    assertEquals(1, snapshot.open());
  }

  /** Regression: a request's own Connection: close was ignored and its connection pooled. */
  @Test
  void requestAskingCloseGetsAFreshConnectionEvenWhenTheServerKeepsItOpen() throws Exception {
    ScriptedServer server = serve(ScriptedServer::keepAliveOk);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.create());
    for (int i = 0; i < 3; i++) {
      HttpResponse response = await(client.fetch(HttpRequest.newBuilder(server.url("/" + i))
          .header("Connection", "close").build()));
      assertEquals("ok", response.bodyString());
      assertFalse(response.isConnectionReused(), "request " + i + " reused a connection");
    }
    assertEquals(3, server.acceptedCount());
    assertEquals(0, client.poolSnapshot().get(5, TimeUnit.SECONDS).open());
  }

  @Test
  void atTheLimitAnIdleConnectionToAnotherHostMakesRoom() throws Exception {
    ScriptedServer a = serve(ScriptedServer::keepAliveOk);
    ScriptedServer b = serve(ScriptedServer::keepAliveOk);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().maxConnections(1).build());
    await(client.fetch(a.url("/")));
    assertEquals("ok", await(client.fetch(b.url("/"))).bodyString());
    PoolSnapshot snapshot = client.poolSnapshot().get(5, TimeUnit.SECONDS);
    assertEquals(1, snapshot.open());
    assertEquals(b.port(), snapshot.hosts().get(0).port());
  }

  /** Regression: the pool kept an entry for every origin ever fetched, a leak with many origins. */
  @Test
  void originsWithoutConnectionsAreDropped() throws Exception {
    ScriptedServer a = serve(ScriptedServer::keepAliveOk);
    ScriptedServer b = serve(ScriptedServer::keepAliveOk);
    Resolver anyToLoopback = (loop, host, port, family) ->
        CompletableFuture.completedFuture(List.of(new InetSocketAddress("127.0.0.1", port)));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().resolver(anyToLoopback)
        .maxConnections(4).build());
    for (int i = 0; i < 200; i++) {
      for (ScriptedServer server : List.of(a, b)) {
        HttpRequest.Builder request = HttpRequest.newBuilder("http://o" + i + ".test:" + server.port()
            + "/");
        if (i % 2 == 0) {
          request.header("Connection", "close");
        }
        assertEquals("ok", await(client.fetch(request.build())).bodyString());
      }
    }
    LoopClient partition = client.partitions().get(0);
    CompletableFuture<int[]> counts = new CompletableFuture<>();
    partition.loop.execute(() -> {
      List<PoolSnapshot.Host> hosts = new ArrayList<>();
      partition.snapshot(hosts);
      counts.complete(new int[] {partition.originCount(), hosts.size()});
    });
    int[] originsAndPooled = counts.get(5, TimeUnit.SECONDS);
    assertTrue(originsAndPooled[1] <= 4, "origins with connections: " + originsAndPooled[1]);
    assertEquals(originsAndPooled[1], originsAndPooled[0], "origins kept without a connection");
  }

  @Test
  void perHostLimitQueuesTheRest() throws Exception {
    ScriptedServer server = serve(ScriptedServer::keepAliveOk);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().maxConnectionsPerHost(2)
        .build());
    List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(client.fetch(server.url("/")));
    }
    for (CompletableFuture<HttpResponse> future : all) {
      await(future);
    }
    assertTrue(server.maxOpenCount() <= 2, "open at once: " + server.maxOpenCount());
  }

  @Test
  void loopGroupSpreadsFetchesOverItsLoops() throws Exception {
    ScriptedServer server = serve(ScriptedServer::keepAliveOk);
    try (EventLoopGroup group = EventLoopGroup.create(2)) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().loopGroup(group)
          .maxConnections(4).build());
      List<CompletableFuture<HttpResponse>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        all.add(client.fetch(server.url("/")));
      }
      for (CompletableFuture<HttpResponse> future : all) {
        await(future);
      }
      assertTrue(server.maxOpenCount() <= 4, "open at once: " + server.maxOpenCount());
      assertEquals(2, client.poolSnapshot().get(5, TimeUnit.SECONDS).hosts().size());
      client.close();
    }
  }
}

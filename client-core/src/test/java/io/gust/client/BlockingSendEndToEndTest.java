package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.MockServerFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AsyncHttpClient#send}: the blocking call, from platform and virtual threads. */
@Timeout(20)
class BlockingSendEndToEndTest {
  @RegisterExtension final MockServerFixture fixture = new MockServerFixture();

  @Test
  void sendReturnsTheResponse() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().code(201).body("made").build());
    HttpResponse response = fixture.client().send(HttpRequest.newBuilder(fixture.server().url("/a").toString())
        .header("X-One", "1").build());
    assertEquals(201, response.code());
    assertEquals("made", response.bodyString());
    RecordedRequest recorded = fixture.take();
    assertEquals("/a", recorded.getTarget());
    assertEquals("1", recorded.getHeaders().get("X-One"));
  }

  @Test
  void sendThrowsTheTypedFailureUnwrapped() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().code(404).build());
    HttpStatusException status = assertThrows(HttpStatusException.class, () -> fixture.client().send(
        HttpRequest.newBuilder(fixture.server().url("/gone").toString()).raiseError(true).build()));
    assertEquals(404, status.response().code());
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThrows(HttpConnectException.class,
        () -> fixture.client().send(HttpRequest.get("http://127.0.0.1:" + closedPort + "/")));
  }

  @Test
  void sendRefusesToBlockALoopThread() throws Exception {
    try (EventLoop loop = EventLoop.create();
        AsyncHttpClient onLoop = AsyncHttpClient.builder().loop(loop).build()) {
      CompletableFuture<Throwable> thrown = new CompletableFuture<>();
      loop.execute(() -> {
        try {
          onLoop.send(HttpRequest.get(fixture.server().url("/").toString()));
          thrown.complete(null);
        } catch (Throwable e) {
          thrown.complete(e);
        }
      });
      assertInstanceOf(IllegalStateException.class, thrown.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void interruptCancelsTheFetchAndKeepsTheFlag() throws Exception {
    fixture.server().enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE)
        .build());
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        fixture.client().send(HttpRequest.get(fixture.server().url("/stall").toString()));
        thrown.complete(null);
      } catch (Throwable e) {
        thrown.complete(e);
      }
      flag.complete(Thread.currentThread().isInterrupted());
    });
    caller.start();
    fixture.take();
    caller.interrupt();
    RequestCancelledException cancelled = assertInstanceOf(RequestCancelledException.class,
        thrown.get(5, TimeUnit.SECONDS));
    assertFalse(cancelled.isClientClosed());
    assertTrue(flag.get(5, TimeUnit.SECONDS), "interrupt flag restored");
    assertEquals(0, fixture.client().poolSnapshot().get(5, TimeUnit.SECONDS).open(),
        "the cancelled fetch closed its connection");
  }

  /**
   * Every request is held at the server until all have arrived, so this passes only if every
   * virtual thread could send while the others waited: a wait that pinned its carrier would
   * leave the rest unscheduled (there are only as many carriers as cores).
   */
  @Test
  void manyVirtualThreadsWaitAtOnce() throws Exception {
    ExecutorService virtualThreads = virtualThreadExecutor();
    int count = 64;
    CountDownLatch allArrived = new CountDownLatch(count);
    fixture.server().setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        allArrived.countDown();
        allArrived.await(10, TimeUnit.SECONDS);
        return new MockResponse.Builder().body(request.getTarget()).build();
      }
    });
    try (AsyncHttpClient wide = AsyncHttpClient.builder().maxConnections(count).build()) {
      List<Future<String>> bodies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String path = "/v" + i;
        bodies.add(virtualThreads.submit(
            () -> wide.send(HttpRequest.get(fixture.server().url(path).toString())).bodyString()));
      }
      for (int i = 0; i < count; i++) {
        assertEquals("/v" + i, bodies.get(i).get(10, TimeUnit.SECONDS));
      }
      assertEquals(0, allArrived.getCount());
    } finally {
      virtualThreads.shutdownNow();
    }
  }

  private static ExecutorService virtualThreadExecutor() {
    try {
      return (ExecutorService) java.util.concurrent.Executors.class
          .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      Assumptions.abort("virtual threads need Java 21+; running on " + Runtime.version());
      throw new AssertionError(e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}

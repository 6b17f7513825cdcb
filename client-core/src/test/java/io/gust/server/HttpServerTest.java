package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.loop.EventLoopGroup;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lifecycle, loops and backpressure of {@link HttpServer}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpServerTest {
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void closeLetsAnExchangeInFlightFinishThenRefusesConnections() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    HttpServer server = HttpServer.builder()
        .routeAsync("GET", "/slow", request -> {
          arrived.countDown();
          CompletableFuture<Response> later = new CompletableFuture<>();
          request.loop().schedule(Duration.ofMillis(200), () -> later.complete(Response.ok("done")));
          return later;
        })
        .build().start();
    CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
        HttpRequest.newBuilder(server.url("/slow")).build(), BodyHandlers.ofString());
    assertTrue(arrived.await(5, TimeUnit.SECONDS));
    server.close();
    HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
    assertEquals("done", response.body());
    assertEquals("close", response.headers().firstValue("Connection").orElseThrow());
    assertEquals(0, server.openConnections());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", server.port()).close());
    server.close();
  }

  @Test
  void loopGroupSpreadsConnectionsAndOutlivesTheServer() throws Exception {
    try (EventLoopGroup group = EventLoopGroup.create(2)) {
      HttpServer server = HttpServer.builder().loopGroup(group)
          .get("/thread", request -> Response.ok(Thread.currentThread().getName()))
          .build().start();
      String first;
      String second;
      try (RawConnection a = new RawConnection(server); RawConnection b = new RawConnection(server)) {
        first = a.send("GET /thread HTTP/1.1\r\nConnection: close\r\n\r\n").readUntilClose();
        second = b.send("GET /thread HTTP/1.1\r\nConnection: close\r\n\r\n").readUntilClose();
      }
      server.close();
      assertNotEquals(first.substring(first.lastIndexOf('\n')),
          second.substring(second.lastIndexOf('\n')));
      for (EventLoop loop : group.loops()) {
        assertFalse(loop.isClosed());
      }
    }
  }

  @Test
  void startAndCloseRefuseToBlockALoopThread() throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      HttpServer server = HttpServer.builder().loop(loop).build();
      CompletableFuture<Throwable> refused = new CompletableFuture<>();
      loop.execute(() -> {
        try {
          server.start();
          refused.complete(null);
        } catch (IllegalStateException e) {
          refused.complete(e);
        }
      });
      assertTrue(refused.get(5, TimeUnit.SECONDS) instanceof IllegalStateException);
      server.close();
      assertFalse(loop.isClosed());
    }
  }

  @Test
  void streamedWritesCompleteOnlyAsTheClientReads() throws Exception {
    int pieces = 256;
    ByteString piece = ByteString.of(new byte[256 * 1024]);
    ChainedWrites writes = new ChainedWrites(piece);
    try (HttpServer server = HttpServer.builder()
        .get("/big", request -> Response.streaming(200, (long) pieces * piece.size(),
            writer -> writes.next(writer, pieces)))
        .build().start();
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("GET /big HTTP/1.1\r\n\r\n".getBytes());
      CompletableFuture<Void> stalled = awaitStalledWrite(writes);
      assertTrue(writes.completed.get() < pieces, "every write completed without a reader");
      InputStream in = socket.getInputStream();
      long total = 0;
      byte[] buffer = new byte[64 * 1024];
      long expected = (long) pieces * piece.size();
      while (total < expected) {
        int n = in.read(buffer);
        assertTrue(n > 0);
        total += n;
        if (total > expected / 2) {
          stalled.get(5, TimeUnit.SECONDS);
        }
      }
      writes.all.get(5, TimeUnit.SECONDS);
      assertEquals(pieces, writes.completed.get());
    }
  }

  /**
   * Waits (bounded) for a write whose stage stays pending for 300 ms: the socket is full. The
   * 300 ms is the test's definition of "stalled", not a synchronisation wait.
   */
  private static CompletableFuture<Void> awaitStalledWrite(ChainedWrites writes)
      throws Exception {
    writes.started.get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      CompletableFuture<Void> current = writes.latest.get();
      try {
        current.get(300, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return current;
      }
    }
    throw new AssertionError("writes never stalled");
  }

  /** Writes one piece after another, each once the previous write's stage completed. */
  private static final class ChainedWrites {
    final ByteString piece;
    final AtomicReference<CompletableFuture<Void>> latest = new AtomicReference<>();
    final AtomicInteger completed = new AtomicInteger();
    /** Completes when the first write was handed to the writer. */
    final CompletableFuture<Void> started = new CompletableFuture<>();
    /** Completes when every write completed and the body was closed. */
    final CompletableFuture<Void> all = new CompletableFuture<>();

    ChainedWrites(ByteString piece) {
      this.piece = piece;
    }

    void next(BodyWriter writer, int remaining) {
      if (remaining == 0) {
        writer.close();
        all.complete(null);
        return;
      }
      CompletableFuture<Void> stage = writer.write(piece).toCompletableFuture();
      latest.set(stage);
      started.complete(null);
      stage.whenComplete((ok, error) -> {
        if (error == null) {
          completed.incrementAndGet();
          next(writer, remaining - 1);
        }
      });
    }
  }
}

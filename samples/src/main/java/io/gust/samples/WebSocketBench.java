package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.WebSocket;
import io.gust.client.WebSocketOptions;
import io.gust.loop.EventLoop;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * WebSocket benchmarks against an echo server in another process (the companion server's {@code
 * /ws/echo}, started with {@code serve}):
 *
 * <ul>
 *   <li>{@code scale N SECONDS URL}: N connections from one loop thread, each sending a
 *       timestamped 32-byte message a second, staggered; reports heap per connection after GC,
 *       live threads, and the round-trip latency percentiles.
 *   <li>{@code echo CLIENT BYTES SECONDS URL}: one connection, 32 binary messages of BYTES in
 *       flight, each echo answered by the next; CLIENT is gust, jdk (java.net.http) or okhttp;
 *       reports messages/s and MB/s each way.
 * </ul>
 *
 * Run with {@code java -cp gust-samples.jar io.gust.samples.WebSocketBench ...}.
 */
public final class WebSocketBench {
  private static final int WINDOW = 32;

  private WebSocketBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("scale")) {
      scale(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
    } else if (args.length == 5 && args[0].equals("echo")) {
      echo(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
    } else {
      System.err.println("usage: WebSocketBench scale N SECONDS URL | echo gust|jdk|okhttp BYTES SECONDS URL");
      System.exit(2);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200); // a benchmark, not a test: let the collector settle
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void scale(int count, int seconds, String url) throws Exception {
    EventLoop loop = EventLoop.create();
    try (AsyncHttpClient client = AsyncHttpClient.builder().loop(loop).maxConnections(256).build()) {
      WebSocketOptions options = WebSocketOptions.builder().compression(false).build();
      client.websocket(url).get(30, TimeUnit.SECONDS).close(1000, "").get(10, TimeUnit.SECONDS);
      long before = heapAfterGc();
      long start = System.nanoTime();
      List<CompletableFuture<WebSocket>> opening = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        opening.add(client.websocket(WebSocket.request(url).build(), options, null));
      }
      List<WebSocket> open = new ArrayList<>(count);
      for (CompletableFuture<WebSocket> future : opening) {
        open.add(future.get(120, TimeUnit.SECONDS));
      }
      opening.clear(); // the connect futures are not part of a connection's cost
      System.out.printf("opened %d WebSockets in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
      long after = heapAfterGc();
      System.out.printf("heap per connection after GC: %,d bytes; live threads: %d%n",
          (after - before) / count, ManagementFactory.getThreadMXBean().getThreadCount());
      Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
      AtomicLong received = new AtomicLong();
      for (int i = 0; i < count; i++) {
        WebSocket ws = open.get(i);
        long offsetNanos = TimeUnit.SECONDS.toNanos(1) * i / count;
        loop.execute(() -> loop.scheduleNanos(offsetNanos, () -> tick(loop, ws, latency, received)));
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      System.out.printf("%,d echoes in %d s; round trip p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          received.get(), seconds, latency.getValueAtPercentile(50) / 1e3,
          latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3);
      for (WebSocket ws : open) {
        ws.close(1000, "");
      }
    } finally {
      loop.close();
    }
  }

  /** Sends a timestamp, records the echo's round trip, and goes again a second after sending. */
  private static void tick(EventLoop loop, WebSocket ws, Histogram latency, AtomicLong received) {
    if (!ws.isOpen()) {
      return;
    }
    long sent = System.nanoTime();
    ws.sendBinary(ByteString.of(ByteBuffer.allocate(32).putLong(0, sent))).thenCompose(done -> ws.receive())
        .thenAccept(echo -> {
          if (echo != null) {
            latency.recordValue((System.nanoTime() - echo.data().asByteBuffer().getLong(0)) / 1000);
            received.incrementAndGet();
          }
        });
    loop.schedule(Duration.ofSeconds(1), () -> tick(loop, ws, latency, received));
  }

  private static void echo(String client, int bytes, int seconds, String url) throws Exception {
    byte[] payload = new byte[bytes];
    new java.util.Random(1).nextBytes(payload);
    AtomicLong echoes = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Runnable run = switch (client) {
      case "gust" -> () -> gustEcho(url, payload, echoes, deadline);
      case "jdk" -> () -> jdkEcho(url, payload, echoes, deadline);
      case "okhttp" -> () -> okhttpEcho(url, payload, echoes, deadline);
      default -> throw new IllegalArgumentException("client: gust, jdk or okhttp, not " + client);
    };
    long start = System.nanoTime();
    run.run();
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s %d B: %,.0f messages/s, %.1f MB/s each way%n", client, bytes,
        echoes.get() / elapsed, echoes.get() * (double) bytes / elapsed / 1e6);
  }

  private static void gustEcho(String url, byte[] payload, AtomicLong echoes, long deadline) {
    try (AsyncHttpClient client = AsyncHttpClient.builder().build()) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      WebSocket ws = client.websocket(WebSocket.request(url).build(),
          WebSocketOptions.builder().compression(false).build(), new WebSocket.Listener() {
            @Override
            public void onBinary(WebSocket webSocket, ByteString data) {
              echoes.incrementAndGet();
              if (System.nanoTime() < deadline) {
                webSocket.sendBinary(data);
              } else {
                done.complete(null);
              }
            }
          }).join();
      ByteString message = ByteString.of(payload);
      for (int i = 0; i < WINDOW; i++) {
        ws.sendBinary(message);
      }
      done.join();
      ws.close(1000, "").join();
    }
  }

  private static void jdkEcho(String url, byte[] payload, AtomicLong echoes, long deadline) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    HttpClient client = HttpClient.newHttpClient();
    java.net.http.WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create(url),
        new java.net.http.WebSocket.Listener() {
          private final java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();
          /**
           * The JDK's WebSocket allows one send in flight: an echo sent while one is pending
           * would fail and drop out of the window, so each waits for the one before.
           */
          private CompletableFuture<java.net.http.WebSocket> sending =
              CompletableFuture.completedFuture(null);

          @Override
          public void onOpen(java.net.http.WebSocket webSocket) {
            webSocket.request(1);
            for (int i = 0; i < WINDOW; i++) {
              send(webSocket, payload);
            }
          }

          private void send(java.net.http.WebSocket webSocket, byte[] message) {
            sending = sending.thenCompose(w -> webSocket.sendBinary(ByteBuffer.wrap(message), true));
          }

          @Override
          public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data,
              boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            parts.writeBytes(chunk);
            webSocket.request(1);
            if (!last) {
              return null;
            }
            byte[] message = parts.toByteArray();
            parts.reset();
            echoes.incrementAndGet();
            if (System.nanoTime() < deadline) {
              send(webSocket, message);
              return null;
            }
            done.complete(null);
            return null;
          }
        }).join();
    done.join();
    ws.sendClose(1000, "").join();
  }

  private static void okhttpEcho(String url, byte[] payload, AtomicLong echoes, long deadline) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    OkHttpClient client = new OkHttpClient.Builder()
        .minWebSocketMessageToCompress(Long.MAX_VALUE).build();
    okhttp3.WebSocket ws = client.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
      @Override
      public void onMessage(okhttp3.WebSocket webSocket, ByteString bytes) {
        echoes.incrementAndGet();
        if (System.nanoTime() < deadline) {
          webSocket.send(bytes);
        } else {
          done.complete(null);
        }
      }

      @Override
      public void onFailure(okhttp3.WebSocket webSocket, Throwable t, okhttp3.Response response) {
        done.completeExceptionally(t);
      }
    });
    ByteString message = ByteString.of(payload);
    for (int i = 0; i < WINDOW; i++) {
      ws.send(message);
    }
    done.join();
    ws.close(1000, "");
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}

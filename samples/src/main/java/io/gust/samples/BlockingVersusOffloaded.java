package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.concurrent.Futures;
import io.gust.server.Handler;
import io.gust.server.Handlers;
import io.gust.server.HttpServer;
import io.gust.server.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The seeds' lesson on your own server: a handler that blocks runs on the server's loop and
 * holds up every other request (and the watchdog logs a WARN naming it); the same handler
 * wrapped in {@code Handlers.offload} runs on an executor, and the loop stays free.
 *
 * <p>Run: {@code java -jar gust-samples.jar example BlockingVersusOffloaded}.
 */
public final class BlockingVersusOffloaded {
  private BlockingVersusOffloaded() {}

  public static void main(String[] args) throws Exception {
    ExecutorService blockingWork = Executors.newFixedThreadPool(4);
    Handler slow = request -> {
      Thread.sleep(800);
      return Response.ok("slow\n");
    };
    HttpServer server = HttpServer.builder()
        .get("/blocking", slow)
        .routeAsync("GET", "/offloaded", Handlers.offload(blockingWork, slow))
        .get("/fast", request -> Response.ok("fast\n"))
        .build().start();
    try (server; AsyncHttpClient client = AsyncHttpClient.create()) {
      for (String slowPath : List.of("/blocking", "/offloaded")) {
        CompletableFuture<?> slowFetch = client.fetch(server.url(slowPath).toString());
        Thread.sleep(50);
        long start = System.nanoTime();
        client.fetch(server.url("/fast").toString()).join();
        long fastMillis = (System.nanoTime() - start) / 1_000_000;
        Futures.all(List.of(slowFetch)).join();
        System.out.printf("/fast while %-10s was running: %4d ms%n", slowPath, fastMillis);
      }
    } finally {
      blockingWork.shutdown();
    }
  }
}

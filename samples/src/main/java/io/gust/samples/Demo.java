package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.FetchCallback;
import io.gust.client.HttpClientException;
import io.gust.client.HttpRequest;
import io.gust.client.HttpResponse;
import io.gust.concurrent.Completion;
import io.gust.concurrent.CompletionIterator;
import io.gust.concurrent.Futures;
import io.gust.loop.EventLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code demo} command, the README's first stop: starts the companion server in-process and
 * shows, as a table of timings, the seeds' lesson (a handler that blocks the server's loop holds
 * up every other request, the watchdog says so, and the offloaded handler holds up nothing), then
 * Gust's client in Future style, callback style, and many fetches at once; last, what Micrometer
 * saw of it all (the calls, the pool, and both loops: the watchdog's episode and the lag).
 */
final class Demo {
  private static final long SECOND_AFTER_MILLIS = 100;
  private final AsyncHttpClient client;
  private final Companion companion;
  private final PrintStream out;

  private Demo(AsyncHttpClient client, Companion companion, PrintStream out) {
    this.client = client;
    this.companion = companion;
    this.out = out;
  }

  /** Runs the demo; returns 0, or 1 when a fetch failed. */
  static int run(String[] args, PrintStream out) throws Exception {
    DemoMetrics metrics = new DemoMetrics();
    try (EventLoop serverLoop = EventLoop.create();
        Companion companion = Companion.on(serverLoop);
        AsyncHttpClient client = AsyncHttpClient.builder()
            .eventListenerFactory(metrics.listeners()).build()) {
      metrics.watch(client, serverLoop);
      out.println("Gust demo: the companion server runs at " + companion.url("/"));
      out.println();
      // One quiet round trip first, so that class loading on a cold JVM does not hold either loop
      // long enough for the watchdog to speak before the scenario that is meant to make it speak.
      client.fetch(companion.url("/second")).get(30, TimeUnit.SECONDS);
      new Demo(client, companion, out).show();
      metrics.print(out);
      return 0;
    }
  }

  private void show() throws Exception {
    row("step", "ms", "what happened");
    row("----", "--", "-------------");
    blockingVersusOffloaded("/first");
    blockingVersusOffloaded("/first-offloaded");
    futureStyle();
    callbackStyle();
    manyAtOnce();
    out.println();
    out.println("The WARN on stderr is the loop watchdog naming the handler that blocked the"
        + " server's loop.");
  }

  /** The seeds' scenario: /second sent just after {@code first}; how long does /second wait? */
  private void blockingVersusOffloaded(String first) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<HttpResponse> slow = client.fetch(companion.url(first));
    Thread.sleep(SECOND_AFTER_MILLIS);
    long secondStart = System.nanoTime();
    HttpResponse fast = client.fetch(companion.url("/second")).get(10, TimeUnit.SECONDS);
    long secondMillis = since(secondStart);
    slow.get(10, TimeUnit.SECONDS);
    long firstMillis = since(start);
    row(first, firstMillis, first.equals("/first") ? "its handler sleeps 1 s on the server's loop"
        : "its handler sleeps 1 s on an executor (Handlers.offload)");
    row("/second", secondMillis, fast.code() + (secondMillis > 500
        ? " - waited behind " + first + ": it blocked the server's loop"
        : " - answered at once: " + first + " slept on an executor, the loop stayed free"));
  }

  private void futureStyle() throws Exception {
    long start = System.nanoTime();
    String body = client.fetch(companion.url("/get"))
        .thenApply(HttpResponse::bodyString)
        .get(10, TimeUnit.SECONDS);
    row("future", since(start), "fetch(url).thenApply(bodyString) -> " + body.trim());
  }

  private void callbackStyle() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<String> heard = new CompletableFuture<>();
    client.fetch(HttpRequest.get(companion.url("/hello")), new FetchCallback() {
      @Override
      public void onResponse(HttpResponse response) {
        heard.complete("onResponse: " + response.code() + " " + response.bodyString().trim());
      }

      @Override
      public void onFailure(HttpRequest request, HttpClientException error) {
        heard.complete("onFailure: " + error.getMessage());
      }
    });
    row("callback", since(start), heard.get(10, TimeUnit.SECONDS));
  }

  private void manyAtOnce() throws Exception {
    long start = System.nanoTime();
    List<HttpResponse> all = Futures.all(delays()).get(10, TimeUnit.SECONDS);
    row("all", since(start), all.size() + " fetches (300, 100, 200 ms) at once: the longest,"
        + " not the sum");
    start = System.nanoTime();
    CompletionIterator<Integer, HttpResponse> landed = Futures.asCompleted(delays());
    while (landed.hasNext()) {
      Completion<Integer, HttpResponse> next = landed.next();
      String what = next.outcome().isSuccess()
          ? next.outcome().value().bodyString().trim() : next.outcome().error().toString();
      row("asCompleted", since(start), "#" + next.key() + " landed: " + what);
    }
  }

  private List<CompletableFuture<HttpResponse>> delays() {
    List<CompletableFuture<HttpResponse>> fetches = new ArrayList<>();
    for (int millis : new int[] {300, 100, 200}) {
      fetches.add(client.fetch(companion.url("/delay/" + millis)));
    }
    return fetches;
  }

  private void row(String step, Object millis, String what) {
    out.printf("%-18s %6s  %s%n", step, millis, what);
    out.flush();
  }

  private static long since(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}

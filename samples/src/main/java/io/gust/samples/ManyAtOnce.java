package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpResponse;
import io.gust.concurrent.Completion;
import io.gust.concurrent.CompletionIterator;
import io.gust.concurrent.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Awaiting many fetches at once: {@code Futures.all} for every answer in request order, after
 * the slowest one (not the sum), then {@code Futures.asCompleted} to handle each answer the
 * moment it lands.
 *
 * <p>Run: {@code java -jar gust-samples.jar example ManyAtOnce [BASE_URL]}.
 */
public final class ManyAtOnce {
  private static final int[] DELAYS_MILLIS = {300, 100, 500, 200};

  private ManyAtOnce() {}

  public static void main(String[] args) throws Exception {
    try (Companion server = Companion.from(args);
        AsyncHttpClient client = AsyncHttpClient.create()) {
      long start = System.nanoTime();
      List<HttpResponse> answers = Futures.all(fetchAll(client, server)).join();
      System.out.printf("all: %d answers in request order after %d ms%n", answers.size(),
          sinceMillis(start));
      answers.forEach(answer -> System.out.println("  " + answer.bodyString().trim()));

      start = System.nanoTime();
      System.out.println("asCompleted: each answer as it lands");
      CompletionIterator<Integer, HttpResponse> landed =
          Futures.asCompleted(fetchAll(client, server));
      while (landed.hasNext()) {
        Completion<Integer, HttpResponse> next = landed.next();
        System.out.printf("  %4d ms  #%d %s%n", sinceMillis(start), next.key(),
            next.outcome().isSuccess() ? next.outcome().value().bodyString().trim()
                : next.outcome().error());
      }
    }
  }

  private static List<CompletableFuture<HttpResponse>> fetchAll(AsyncHttpClient client,
      Companion server) {
    List<CompletableFuture<HttpResponse>> fetches = new ArrayList<>();
    for (int millis : DELAYS_MILLIS) {
      fetches.add(client.fetch(server.url("/delay/" + millis)));
    }
    return fetches;
  }

  private static long sinceMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

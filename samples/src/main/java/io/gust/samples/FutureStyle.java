package io.gust.samples;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Future style: {@code fetch} returns a {@code CompletableFuture<HttpResponse>} at once; chain
 * on it, and block only at the very end, on the main thread (never on the loop).
 *
 * <p>Run: {@code java -jar gust-samples.jar example FutureStyle [BASE_URL]}.
 */
public final class FutureStyle {
  private FutureStyle() {}

  public static void main(String[] args) throws Exception {
    try (Companion server = Companion.from(args);
        AsyncHttpClient client = AsyncHttpClient.create()) {
      CompletableFuture<String> greeting = client.fetch(server.url("/hello"))
          .thenApply(HttpResponse::bodyString);
      // One fetch after another, without blocking in between.
      CompletableFuture<HttpResponse> chained = client.fetch(server.url("/get"))
          .thenCompose(first -> client.fetch(server.url("/status/" + (first.code() + 1))));
      System.out.println("/hello says " + greeting.get(10, TimeUnit.SECONDS).trim());
      HttpResponse second = chained.get(10, TimeUnit.SECONDS);
      System.out.println("then " + second.effectiveUri().getPath() + " answered " + second.code()
          + " in " + second.timings().total().toMillis() + " ms");
    }
  }
}

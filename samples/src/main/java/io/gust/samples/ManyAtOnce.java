package io.gust.samples;

import io.gust.concurrent.Completion;
import io.gust.concurrent.CompletionIterator;
import io.gust.concurrent.Futures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Awaiting many requests at once: {@code Futures.all} for every answer in request order, then
 * {@code Futures.asCompleted} to print each answer the moment it lands.
 *
 * <p>Each "fetch" here is a {@code Futures.sleep} of a few hundred milliseconds standing in for a
 * real one. Run: {@code java -cp samples/target/gust-samples.jar io.gust.samples.ManyAtOnce}.
 */
public final class ManyAtOnce {
  private static final List<String> URLS = List.of(
      "http://localhost:8080/delay/300", "http://localhost:8080/delay/100",
      "http://localhost:8080/delay/500", "http://localhost:8080/delay/200");

  private ManyAtOnce() {}

  public static void main(String[] args) {
    // The first timer starts the shared timer loop, logging and all; time only what follows.
    Futures.sleep(Duration.ZERO).join();
    long start = System.nanoTime();
    List<String> answers = Futures.all(fetchAll()).join();
    System.out.printf("all: %d answers in request order after %d ms (one delay, not their sum)%n",
        answers.size(), sinceMillis(start));
    answers.forEach(answer -> System.out.println("  " + answer));

    start = System.nanoTime();
    System.out.println("asCompleted: each answer as it lands");
    CompletionIterator<Integer, String> landed = Futures.asCompleted(fetchAll());
    while (landed.hasNext()) {
      Completion<Integer, String> next = landed.next();
      System.out.printf("  %4d ms  #%d %s%n", sinceMillis(start), next.key(),
          next.outcome().isSuccess() ? next.outcome().value() : next.outcome().error());
    }
  }

  /** Starts every stand-in fetch at once. */
  private static List<CompletableFuture<String>> fetchAll() {
    List<CompletableFuture<String>> fetches = new ArrayList<>();
    for (String url : URLS) {
      fetches.add(fetch(url));
    }
    return fetches;
  }

  /** A pretend fetch: answers after the delay its URL names. */
  private static CompletableFuture<String> fetch(String url) {
    long millis = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    return Futures.sleep(Duration.ofMillis(millis)).thenApply(ignored -> url + " -> 200 OK");
  }

  private static long sinceMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}

package io.gust.concurrent;

import static io.gust.concurrent.Await.failure;
import static io.gust.concurrent.Await.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.ManualLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HedgeTest {
  private static final Duration HOUR = Duration.ofHours(1);

  private final ManualLoop manual = new ManualLoop();
  /** Every attempt the hedge started, in order, with the thread it started on. */
  private final BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();

  record Attempt(CompletableFuture<String> future, String thread) {}

  @AfterEach
  void closeLoop() {
    manual.close();
  }

  @Test
  void anAnswerWithinTheDelayStartsNoOtherAttempt() throws Exception {
    CompletableFuture<String> hedged = Futures.hedge(this::attempt, HOUR, 3, manual.loop);
    Attempt first = next();
    first.future().complete("fast");
    assertEquals("fast", value(hedged));
    manual.advance(HOUR);
    assertTrue(attempts.isEmpty());
  }

  @Test
  void aSlowFirstAttemptIsHedgedAndTheLoserCancelled() throws Exception {
    CompletableFuture<String> hedged = Futures.hedge(this::attempt, HOUR, 3, manual.loop);
    Attempt first = next();
    assertEquals(Thread.currentThread().getName(), first.thread());
    manual.advance(HOUR);
    Attempt second = next();
    assertEquals(manual.loop.name(), second.thread());
    second.future().complete("second");
    assertEquals("second", value(hedged));
    assertTrue(first.future().isCancelled());
  }

  @Test
  void theDelayRunsAgainFromEachStartUpToMaxAttempts() throws Exception {
    CompletableFuture<String> hedged = Futures.hedge(this::attempt, HOUR, 3, manual.loop);
    next();
    manual.advance(HOUR.minusSeconds(1));
    assertTrue(attempts.isEmpty());
    manual.advance(Duration.ofSeconds(1));
    next();
    manual.advance(HOUR);
    Attempt third = next();
    manual.advance(HOUR.multipliedBy(10));
    assertTrue(attempts.isEmpty(), "no more than three attempts");
    third.future().complete("third");
    assertEquals("third", value(hedged));
  }

  @Test
  void aFailedAttemptStartsTheNextAtOnce() throws Exception {
    CompletableFuture<String> hedged = Futures.hedge(this::attempt, HOUR, 2, manual.loop);
    next().future().completeExceptionally(new IOException("refused"));
    Attempt second = next();
    assertEquals(manual.loop.name(), second.thread());
    second.future().complete("second");
    assertEquals("second", value(hedged));
  }

  @Test
  void whenEveryAttemptFailsEachErrorIsKept() throws Exception {
    IOException one = new IOException("one");
    IOException two = new IOException("two");
    IOException three = new IOException("three");
    CompletableFuture<String> hedged = Futures.hedge(this::attempt, HOUR, 3, manual.loop);
    Attempt first = next();
    manual.advance(HOUR);
    Attempt second = next();
    second.future().completeExceptionally(two);
    Attempt third = next();
    first.future().completeExceptionally(one);
    third.future().completeExceptionally(three);
    AllFailedException failed = (AllFailedException) failure(hedged);
    assertEquals(List.of(two, one, three), failed.causes());
  }

  @Test
  void aSupplierThatThrowsCountsAsAFailedAttempt() throws Exception {
    IllegalStateException broken = new IllegalStateException("no connection");
    Supplier<CompletableFuture<String>> attempt = () -> {
      throw broken;
    };
    AllFailedException failed =
        (AllFailedException) failure(Futures.hedge(attempt, HOUR, 2, manual.loop));
    assertEquals(List.of(broken, broken), failed.causes());
  }

  @Test
  void cancellingTheHedgeCancelsEveryAttemptAndStartsNoMore() throws Exception {
    CompletableFuture<String> hedged = Futures.hedge(this::attempt, HOUR, 3, manual.loop);
    Attempt first = next();
    manual.advance(HOUR);
    Attempt second = next();
    hedged.cancel(true);
    assertTrue(first.future().isCancelled());
    assertTrue(second.future().isCancelled());
    manual.advance(HOUR);
    assertTrue(attempts.isEmpty());
  }

  @Test
  void realTimersHedgeASlowAttemptWithoutAManualClock() throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      CompletableFuture<String> hedged =
          Futures.hedge(this::attempt, Duration.ofMillis(20), 2, loop);
      Attempt slow = next();
      Attempt fast = next();
      fast.future().complete("fast");
      assertEquals("fast", value(hedged));
      assertTrue(slow.future().isCancelled());
    }
  }

  @Test
  void badArgumentsAreRefusedAtTheCall() {
    assertThrows(IllegalArgumentException.class,
        () -> Futures.hedge(this::attempt, HOUR, 0, manual.loop));
    assertThrows(IllegalArgumentException.class,
        () -> Futures.hedge(this::attempt, Duration.ofSeconds(-1), 2, manual.loop));
  }

  private CompletableFuture<String> attempt() {
    CompletableFuture<String> future = new CompletableFuture<>();
    attempts.add(new Attempt(future, Thread.currentThread().getName()));
    return future;
  }

  private Attempt next() throws InterruptedException {
    Attempt attempt = attempts.poll(10, TimeUnit.SECONDS);
    assertTrue(attempt != null, "no attempt started");
    return attempt;
  }
}

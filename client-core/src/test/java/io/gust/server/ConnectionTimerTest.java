package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.ManualLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConnectionTimerTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final ManualLoop manual = new ManualLoop();
  private final AtomicInteger expired = new AtomicInteger();
  private final ConnectionTimer timer = new ConnectionTimer(manual.loop, expired::incrementAndGet,
      error -> { throw new AssertionError(error); });

  @AfterEach
  void close() {
    manual.close();
  }

  private void onLoop(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    manual.loop.execute(() -> {
      action.run();
      done.complete(null);
    });
    done.get(5, TimeUnit.SECONDS);
  }

  /** Moves the clock by {@code quiet} (nothing fires), then by {@code more} (it fires once). */
  private void assertExpiresBetween(Duration quiet, Duration more) throws Exception {
    manual.advance(quiet);
    assertEquals(0, expired.get(), "fired early");
    manual.advance(more);
    assertEquals(1, expired.get(), "did not fire at the deadline");
  }

  /** The linger after an error answer: a deadline moved earlier must not wait for the later one. */
  @Test
  void deadlineMovedEarlierFiresAtTheEarlierTime() throws Exception {
    onLoop(() -> timer.after(60 * SECOND));
    onLoop(() -> timer.after(SECOND / 5));
    assertExpiresBetween(Duration.ofMillis(199), Duration.ofMillis(1));
  }

  @Test
  void deadlineMovedLaterFiresOnlyAtTheLaterTime() throws Exception {
    onLoop(() -> timer.after(10 * SECOND));
    manual.advance(Duration.ofSeconds(5));
    onLoop(() -> timer.after(10 * SECOND));
    assertExpiresBetween(Duration.ofSeconds(9), Duration.ofSeconds(1));
  }

  @Test
  void headDeadlineHoldsWhateverProgressArrives() throws Exception {
    onLoop(() -> timer.headProgress(60 * SECOND, 30 * SECOND));
    for (int i = 0; i < 3; i++) {
      manual.advance(Duration.ofSeconds(19));
      onLoop(() -> timer.headProgress(60 * SECOND, 30 * SECOND));
    }
    assertTrue(timer.isHeadStarted());
    assertExpiresBetween(Duration.ofSeconds(2), Duration.ofSeconds(1));
  }

  @Test
  void nextHeadStartsItsOwnDeadline() throws Exception {
    onLoop(() -> timer.headProgress(60 * SECOND, 30 * SECOND));
    manual.advance(Duration.ofSeconds(20));
    onLoop(() -> {
      timer.headDone();
      timer.headProgress(60 * SECOND, 60 * SECOND);
    });
    assertExpiresBetween(Duration.ofSeconds(59), Duration.ofSeconds(1));
  }

  @Test
  void stoppedTimerNeverFires() throws Exception {
    onLoop(() -> {
      timer.after(SECOND);
      timer.stop();
      timer.after(SECOND);
    });
    manual.advance(Duration.ofSeconds(2));
    assertEquals(0, expired.get());
  }
}

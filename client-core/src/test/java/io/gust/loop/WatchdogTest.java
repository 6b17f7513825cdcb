package io.gust.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gust.testing.Eventually;
import io.gust.testing.LogCapture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WatchdogTest {
  private LogCapture logged;

  @BeforeEach
  void captureLogs() {
    logged = LogCapture.of(EventLoop.class);
  }

  @AfterEach
  void releaseLogs() {
    logged.close();
  }

  @Test
  void sleepingTaskIsReportedOnceWithTheLoopStack() throws Exception {
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(50)).build()) {
      runAndWait(loop, () -> sleepUninterruptibly(400));
      List<ILoggingEvent> warnings = warnings();
      assertEquals(1, warnings.size(), warnings.toString());
      ILoggingEvent warning = warnings.get(0);
      String message = warning.getFormattedMessage();
      assertTrue(message.contains(loop.name()), message);
      assertTrue(message.contains("threshold 50 ms"), message);
      String stack = Arrays.toString(warning.getThrowableProxy().getStackTraceElementProxyArray());
      assertTrue(stack.contains("sleepUninterruptibly"), stack);
      assertTrue(stack.contains("Thread.sleep"), stack);
    }
  }

  @Test
  void ioHandlerThatBlocksIsReported() throws Exception {
    // Regression: handlers run inside select() while the loop still looked asleep to the watchdog.
    List<Duration> reports = new CopyOnWriteArrayList<>();
    List<String> stacks = new CopyOnWriteArrayList<>();
    try (EventLoop loop = EventLoop.builder()
            .watchdogThreshold(Duration.ofMillis(50))
            .blockedLoopListener((l, blockedFor, threshold, stack) -> {
              reports.add(blockedFor);
              stacks.add(Arrays.toString(stack));
            })
            .build();
        java.nio.channels.Pipe.SourceChannel source = openReadablePipe()) {
      CompletableFuture<Void> handled = new CompletableFuture<>();
      loop.execute(() -> {
        try {
          loop.register(source, java.nio.channels.SelectionKey.OP_READ, key -> {
            key.cancel();
            sleepUninterruptibly(300);
            handled.complete(null);
          });
        } catch (java.io.IOException e) {
          handled.completeExceptionally(e);
        }
      });
      handled.get(5, TimeUnit.SECONDS);
      runAndWait(loop, () -> { });
      // On a loaded machine the registering task may be reported too (class loading): what
      // matters is that the handler's block is one of the reports.
      assertTrue(stacks.stream().anyMatch(stack -> stack.contains("sleepUninterruptibly")),
          reports + " " + stacks);
    }
  }

  /** A loop with a 50 ms threshold whose listener records each report. */
  private static EventLoop loopReportingTo(List<Duration> reports) {
    return EventLoop.builder()
        .watchdogThreshold(Duration.ofMillis(50))
        .blockedLoopListener((l, blockedFor, threshold, stack) -> reports.add(blockedFor))
        .build();
  }

  private static java.nio.channels.Pipe.SourceChannel openReadablePipe() throws Exception {
    java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
    pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
    pipe.sink().close();
    return pipe.source();
  }

  @Test
  void listenerHearsHowLongTheLoopWasBlocked() throws Exception {
    List<Duration> reports = new CopyOnWriteArrayList<>();
    try (EventLoop loop = loopReportingTo(reports)) {
      runAndWait(loop, () -> sleepUninterruptibly(300));
      runAndWait(loop, () -> { });
      assertEquals(1, reports.size(), reports.toString());
      assertTrue(reports.get(0).toMillis() >= 50, reports.toString());
      assertTrue(loop.stats().longestRun().toMillis() >= 300, loop.stats().toString());
    }
    assertTrue(warnings().isEmpty());
  }

  @Test
  void manyShortTasksAndAnIdleLoopStaySilent() throws Exception {
    // The threshold is far above each task so that a descheduled loop thread on a loaded
    // machine does not look blocked; the tasks together still run longer than the threshold.
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(400)).build()) {
      for (int i = 0; i < 300; i++) {
        loop.execute(() -> spin(Duration.ofMillis(2)));
      }
      runAndWait(loop, () -> { });
      CompletableFuture<Void> idle = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(200), () -> idle.complete(null));
      idle.get(5, TimeUnit.SECONDS);
    }
    assertTrue(warnings().isEmpty(), warnings().toString());
  }

  @Test
  void zeroThresholdTurnsTheWatchdogOff() throws Exception {
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ZERO).build()) {
      runAndWait(loop, () -> sleepUninterruptibly(150));
    }
    assertTrue(warnings().isEmpty(), warnings().toString());
  }

  @Test
  void blockedLoopShowsLagInItsStats() throws Exception {
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(20))
        .blockedLoopListener((l, b, t, s) -> { }).build()) {
      loop.execute(() -> sleepUninterruptibly(200));
      runAndWait(loop, () -> { });
      assertTrue(loop.stats().maxLag().toMillis() >= 50, loop.stats().toString());
    }
  }

  @Test
  void loopThatMovesOnWhileItsStackIsTakenIsNotBlamed() throws Exception {
    // Regression: a loop thread starved of CPU was reported with its stack in EPoll.wait, where
    // it had gone by the time the stack was taken, as if the selector had blocked it.
    List<StackTraceElement[]> reports = new CopyOnWriteArrayList<>();
    try (LogCapture debug = LogCapture.of(EventLoop.class.getName(), Level.DEBUG);
        EventLoop loop = loopWithOnlyManualChecks(reports)) {
      CountDownLatch release = new CountDownLatch(1);
      Watchdog.Sample sample = heldLoop(loop, release);
      Watchdog.check(loop, sample, l -> {
        release.countDown();
        awaitMovedOn(l, sample.progress);
        return l.thread().getStackTrace();
      });
      assertEquals(List.of(), reports);
      assertTrue(debug.events().stream().anyMatch(
          e -> e.getFormattedMessage().contains("moved on before its stack was taken")),
          debug.events().toString());
    }
  }

  @Test
  void loopStillHeldWhenItsStackIsTakenIsReported() throws Exception {
    List<StackTraceElement[]> reports = new CopyOnWriteArrayList<>();
    try (EventLoop loop = loopWithOnlyManualChecks(reports)) {
      CountDownLatch release = new CountDownLatch(1);
      Watchdog.Sample sample = heldLoop(loop, release);
      Watchdog.check(loop, sample, l -> l.thread().getStackTrace());
      release.countDown();
      assertEquals(1, reports.size());
      assertTrue(Arrays.toString(reports.get(0)).contains("CountDownLatch.await"),
          Arrays.toString(reports.get(0)));
    }
  }

  @Test
  void eachReportedEpisodeIsCountedInStatsAndHeardByEveryChainedListener() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    BlockedLoopListener first = (l, blockedFor, threshold, stack) -> {
      heard.add("first");
      throw new IllegalStateException("first listener fails");
    };
    try (EventLoop loop = EventLoop.builder().watchdogThreshold(Duration.ofMinutes(10))
        .blockedLoopListener(first.andThen((l, b, t, s) -> heard.add("second"))).build()) {
      assertEquals(0, loop.stats().blockedEpisodes());
      CountDownLatch release = new CountDownLatch(1);
      Watchdog.Sample sample = heldLoop(loop, release);
      assertThrows(IllegalStateException.class,
          () -> Watchdog.check(loop, sample, l -> l.thread().getStackTrace()));
      release.countDown();
      assertEquals(List.of("first", "second"), heard);
      assertEquals(1, loop.stats().blockedEpisodes(), loop.stats().toString());
    }
  }

  /** A loop whose own watchdog never fires within a test, so only the test's checks report. */
  private static EventLoop loopWithOnlyManualChecks(List<StackTraceElement[]> reports) {
    return EventLoop.builder()
        .watchdogThreshold(Duration.ofMinutes(10))
        .blockedLoopListener((l, blockedFor, threshold, stack) -> reports.add(stack))
        .build();
  }

  /**
   * Holds {@code loop} in a task until {@code release} opens; returns, once the loop thread waits
   * on the latch, a watchdog sample that has seen it held for a whole threshold already.
   */
  private static Watchdog.Sample heldLoop(EventLoop loop, CountDownLatch release)
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    loop.execute(() -> {
      started.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    // Regression (flaky): the stack was sometimes taken while the task was still in countDown.
    Eventually.assertThat(Duration.ofSeconds(10), () -> "the loop never parked on the latch",
        () -> loop.thread().getState() == Thread.State.TIMED_WAITING);
    Watchdog.Sample sample = new Watchdog.Sample();
    sample.progress = loop.progressOpaque();
    sample.sinceNanos = System.nanoTime() - loop.watchdogThresholdNanos;
    return sample;
  }

  private static void awaitMovedOn(EventLoop loop, long progress) {
    Eventually.assertThat(Duration.ofSeconds(10), () -> "the loop did not move on",
        () -> loop.isSelecting() || loop.progressOpaque() != progress);
  }


  private List<ILoggingEvent> warnings() {
    return logged.events().stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }

  private static void runAndWait(EventLoop loop, Runnable task) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      task.run();
      done.complete(null);
    });
    done.get(10, TimeUnit.SECONDS);
  }

  /** Plays a handler that blocks the loop, as the seeds' FirstHandler does. */
  private static void sleepUninterruptibly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Plays a handler that holds the loop busy computing; a deliberate busy wait. */
  private static void spin(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}

package io.gust.testing;

import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A loop on a clock the test moves: timers fire when the test says so, never on their own. */
public final class ManualLoop implements AutoCloseable {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  public final EventLoop loop = EventLoop.builder().clock(nanos::get).build();

  /** Moves the clock forward and returns once the timers now due have run. */
  public void advance(Duration by) throws Exception {
    nanos.addAndGet(by.toNanos());
    pass();
  }

  /**
   * Moves the clock onto {@code deadline} (counted from the clock's present value) in two steps,
   * asserting that {@code waiting} is still not done one millisecond before it: for tests that a
   * timeout fires when it is due and not earlier.
   */
  public void advanceOnto(Duration deadline, Future<?> waiting) throws Exception {
    advance(deadline.minusMillis(1));
    if (waiting.isDone()) {
      throw new AssertionError("done a millisecond before its deadline of " + deadline + ": "
          + waiting);
    }
    advance(Duration.ofMillis(1));
  }

  /**
   * Returns once the loop has run one full pass after this call: its due timers ran, and the
   * sockets that were ready when it was called were served.
   */
  public void pass() throws Exception {
    for (int i = 0; i < 2; i++) {
      CompletableFuture<Void> ran = new CompletableFuture<>();
      loop.execute(() -> ran.complete(null));
      ran.get(10, TimeUnit.SECONDS);
    }
  }

  /** The timers pending on the loop, read on the loop thread so the figure is exact. */
  public int pendingTimers() throws Exception {
    CompletableFuture<Integer> count = new CompletableFuture<>();
    loop.execute(() -> count.complete(loop.stats().pendingTimers()));
    return count.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    loop.close();
  }
}

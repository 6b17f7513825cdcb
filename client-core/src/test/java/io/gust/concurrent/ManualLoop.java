package io.gust.concurrent;

import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A loop on a clock the test moves: timers fire when the test says so, never on their own. */
final class ManualLoop implements AutoCloseable {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final EventLoop loop = EventLoop.builder().clock(nanos::get).build();

  /** Moves the clock forward and returns once the timers now due have run. */
  void advance(Duration by) throws Exception {
    nanos.addAndGet(by.toNanos());
    Await.pass(loop);
  }

  @Override
  public void close() {
    loop.close();
  }
}

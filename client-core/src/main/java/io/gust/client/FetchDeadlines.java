package io.gust.client;

import io.gust.loop.Cancellable;
import io.gust.loop.EventLoop;
import java.time.Duration;

/**
 * The request deadlines of one partition's fetches that run on the client's default request
 * timeout: one loop timer for all of them instead of one per fetch. Loop-confined.
 *
 * <p>The partition keeps its live fetches in a list ordered by start, oldest at the tail, so the
 * watched fetch nearest the tail has the earliest deadline. The timer is armed for that deadline
 * (re-armed earlier when a fetch with an earlier one joins, which happens only when fetches made
 * on other threads reach the loop out of order); when it fires, every watched fetch whose deadline
 * has passed times out, oldest first, and the timer is armed again for the next. A fetch that
 * ends leaves the list without touching the timer, which is cancelled once no watched fetch is
 * left, so nothing outlives the fetches. Fetches with a timeout of their own keep a timer of
 * their own.
 */
final class FetchDeadlines implements Runnable {
  private final EventLoop loop;
  /** The sentinel of the partition's live list. */
  private final Fetch live;
  /** The client's default request timeout in nanoseconds; fetches on any other have their own. */
  private final Duration timeout;
  private final long timeoutNanos;
  /** Fetches watched and not yet ended. */
  private int watched;
  /** The armed timer, or null; {@link #armedNanos} is its deadline. */
  private Cancellable timer;
  private long armedNanos;

  FetchDeadlines(EventLoop loop, Fetch live, Duration timeout) {
    this.loop = loop;
    this.live = live;
    this.timeout = timeout;
    this.timeoutNanos = Timeouts.isUnlimited(timeout) ? Long.MAX_VALUE : timeout.toNanos();
  }

  /** Whether a fetch with {@code requestTimeout} can be watched here rather than timed alone. */
  boolean covers(Duration requestTimeout) {
    return timeoutNanos != Long.MAX_VALUE && timeout.equals(requestTimeout);
  }

  /**
   * Adds a new fetch to the live list in order of start (newest first). A new fetch usually goes
   * first; one made on another thread may reach the loop after a later one and goes behind it.
   */
  void link(Fetch fetch) {
    Fetch after = live;
    long start = fetch.timings().startNanos();
    while (after.nextLive != live && after.nextLive.timings().startNanos() - start > 0) {
      after = after.nextLive;
    }
    fetch.nextLive = after.nextLive;
    fetch.prevLive = after;
    after.nextLive.prevLive = fetch;
    after.nextLive = fetch;
  }

  /** Takes a finished fetch out of the live list; it then links to itself alone. */
  void unlink(Fetch fetch) {
    fetch.prevLive.nextLive = fetch.nextLive;
    fetch.nextLive.prevLive = fetch.prevLive;
    fetch.prevLive = fetch;
    fetch.nextLive = fetch;
  }

  /** Watches a fetch of the live list; it calls {@link #ended()} when it finishes. */
  void watch(Fetch fetch) {
    watched++;
    arm(deadlineNanos(fetch));
  }

  /** A watched fetch finished: with none left, the timer goes too. */
  void ended() {
    if (--watched == 0 && timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** The timer fired: times out every watched fetch whose deadline passed, then re-arms. */
  @Override
  public void run() {
    timer = null;
    long now = loop.nanoTime();
    Fetch oldest;
    while ((oldest = oldestWatched()) != null && deadlineNanos(oldest) <= now) {
      oldest.sharedDeadlineReached();
    }
    if (oldest != null) {
      arm(deadlineNanos(oldest));
    }
  }

  private long deadlineNanos(Fetch fetch) {
    long start = fetch.timings().startNanos();
    long deadline = start + timeoutNanos;
    return deadline < start ? Long.MAX_VALUE : deadline;
  }

  private Fetch oldestWatched() {
    for (Fetch fetch = live.prevLive; fetch != live; fetch = fetch.prevLive) {
      if (fetch.isWatched()) {
        return fetch;
      }
    }
    return null;
  }

  private void arm(long deadlineNanos) {
    if (timer != null) {
      if (armedNanos <= deadlineNanos) {
        return;
      }
      timer.cancel();
    }
    armedNanos = deadlineNanos;
    long now = loop.nanoTime();
    long delay = deadlineNanos - now;
    timer = loop.scheduleNanos(delay < 0 && deadlineNanos > now ? Long.MAX_VALUE : delay, this);
  }

  /** Cancels the timer, for the partition's shutdown. */
  void close() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}

package io.gust.loop;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns one {@link Selector}: it runs tasks, timers and readiness events, one at a
 * time, in passes.
 *
 * <p>Each pass runs the tasks queued when the pass began, then the timers that are due, then
 * selects until the next deadline (or not at all when tasks are waiting), then dispatches ready
 * channels to their {@link IoHandler}s. Nothing that runs on the loop may block: a watchdog logs a
 * WARN with the loop thread's stack when one piece of work holds it past a threshold.
 *
 * <p>{@link #execute} and {@link #schedule} may be called from any thread; {@link #register} only
 * from the loop thread. A task, timer or handler that throws is logged and the loop goes on.
 * {@link #close()} stops accepting tasks, runs those already queued, closes the channels still
 * registered and joins the thread; it is idempotent. States: RUNNING → CLOSING → CLOSED.
 */
public final class EventLoop implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  private static final int RUNNING = 0;
  private static final int CLOSING = 1;
  private static final int CLOSED = 2;

  private final Selector selector;
  private final Thread thread;
  private final LoopClock clock;
  private final TaskQueue tasks = new TaskQueue();
  private final TimerHeap timers = new TimerHeap();
  final long watchdogThresholdNanos;
  final BlockedLoopListener blockedListener;
  final LoopHealth health = new LoopHealth();

  /** Orders timers with equal deadlines by when they were scheduled. */
  private final AtomicLong timerSequence = new AtomicLong();
  private final LoopPasses passes;
  private volatile int state = RUNNING;

  private EventLoop(Builder builder) throws IOException {
    this.selector = Selector.open();
    this.clock = builder.clock;
    this.watchdogThresholdNanos = builder.watchdogThreshold.toNanos();
    this.blockedListener = builder.blockedListener;
    String name = builder.name != null ? builder.name : "gust-loop-" + THREAD_NUMBER.incrementAndGet();
    this.passes = new LoopPasses(this, selector, tasks, timers, timerSequence);
    this.thread = new LoopThread(passes::run, name, this);
    thread.setDaemon(builder.daemon);
    thread.start();
    if (watchdogThresholdNanos > 0) {
      Watchdog.watch(this);
    }
  }

  /** A loop with default settings, already running. */
  public static EventLoop create() {
    return builder().build();
  }

  /** A builder for a loop with a custom name, watchdog threshold or clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The loop whose thread is calling, or null when the caller is not a loop thread. */
  public static EventLoop current() {
    Thread current = Thread.currentThread();
    return current instanceof LoopThread ? ((LoopThread) current).loop : null;
  }

  /** True when the calling thread is this loop's thread. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** This loop's thread name, such as {@code gust-loop-1}. */
  public String name() {
    return thread.getName();
  }

  /** This loop's time source, in nanoseconds. */
  public long nanoTime() {
    return clock.nanoTime();
  }

  /**
   * Queues a task to run on the loop thread, after every task this thread queued before it.
   *
   * @throws RejectedExecutionException when the loop is closing or closed
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (state != RUNNING) {
      throw new RejectedExecutionException(name() + " is closed");
    }
    enqueue(task);
  }

  /** Queues a task while the loop still runs passes, closing included; false once it stopped. */
  boolean executeQuietly(Runnable task) {
    if (state == CLOSED) {
      return false;
    }
    enqueue(task);
    return true;
  }

  private void enqueue(Runnable task) {
    tasks.offer(task);
    passes.wakeIfSleeping();
  }

  /**
   * Runs {@code task} on the loop thread once {@code delay} has passed, after the timers with
   * earlier deadlines. The handle cancels it from any thread. Timers still pending when the loop
   * closes never run.
   *
   * @throws RejectedExecutionException when the loop is closing or closed
   */
  public Cancellable schedule(Duration delay, Runnable task) {
    return scheduleNanos(saturatedNanos(delay), task);
  }

  /**
   * Like {@link #schedule(Duration, Runnable)}, with the delay in nanoseconds: no Duration to
   * allocate on a hot path.
   *
   * @throws RejectedExecutionException when the loop is closing or closed
   */
  public Cancellable scheduleNanos(long delay, Runnable task) {
    Objects.requireNonNull(task, "task");
    long delayNanos = Math.max(0, delay);
    long now = clock.nanoTime();
    long deadline = now + delayNanos < now ? Long.MAX_VALUE : now + delayNanos;
    LoopTimer timer = new LoopTimer(this, task, deadline, timerSequence.getAndIncrement());
    if (inLoop()) {
      if (state != RUNNING) {
        throw new RejectedExecutionException(name() + " is closed");
      }
      timers.add(timer);
    } else {
      execute(() -> {
        if (timer.isPending()) {
          timers.add(timer);
        }
      });
    }
    return timer;
  }

  /**
   * Runs a blocking {@code callable} on {@code executor} and completes the returned future on
   * this loop's thread with its result or failure (Tornado's run_on_executor).
   */
  public <T> CompletableFuture<T> runInExecutor(Executor executor, Callable<T> callable) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(callable, "callable");
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        T value;
        try {
          value = callable.call();
        } catch (Throwable t) {
          completeOnLoop(result, null, t);
          return;
        }
        completeOnLoop(result, value, null);
      });
    } catch (RejectedExecutionException e) {
      completeOnLoop(result, null, e);
    }
    return result;
  }

  private <T> void completeOnLoop(CompletableFuture<T> future, T value, Throwable error) {
    Runnable completion = () -> {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(value);
      }
    };
    if (!executeQuietly(completion)) {
      completion.run();
    }
  }

  /**
   * Registers a channel (made non-blocking here) with an interest set; readiness events go to
   * {@code handler} on this thread. Change interest later with the key; cancel the key or close
   * the channel to stop.
   *
   * @throws IllegalStateException when called from another thread
   */
  public SelectionKey register(SelectableChannel channel, int interestOps, IoHandler handler)
      throws IOException {
    checkInLoop("register");
    if (state == CLOSED) {
      throw new ClosedChannelException();
    }
    channel.configureBlocking(false);
    return channel.register(selector, interestOps, Objects.requireNonNull(handler, "handler"));
  }

  /** Throws {@link IllegalStateException} unless the caller is this loop's thread. */
  public void checkInLoop(String action) {
    if (!inLoop()) {
      throw new IllegalStateException(action + " must run on " + name() + ", not on "
          + Thread.currentThread().getName());
    }
  }

  /** Current health figures; any thread. */
  public LoopStats stats() {
    return health.snapshot(clock.nanoTime(), passes.progressOpaque(), timers.sizeOpaque());
  }

  /** True once {@link #close()} has been called. */
  public boolean isClosed() {
    return state != RUNNING;
  }

  /**
   * Stops accepting tasks, runs the ones queued, closes the channels still registered and,
   * unless called from the loop thread itself, blocks until the thread has ended. Idempotent.
   */
  @Override
  public void close() {
    if (state == RUNNING) {
      state = CLOSING;
      selector.wakeup();
    }
    if (!inLoop()) {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  TimerHeap timers() {
    return timers;
  }

  Thread thread() {
    return thread;
  }

  long progressOpaque() {
    return passes.progressOpaque();
  }

  boolean isSelecting() {
    return passes.isSelecting();
  }

  /** True until {@link #close()} is called; the passes drain and stop once it is false. */
  boolean isRunning() {
    return state == RUNNING;
  }

  /** Called by the passes once the thread stops taking work. */
  void markClosed() {
    state = CLOSED;
  }

  LoopClock clock() {
    return clock;
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Settings for a new {@link EventLoop}; {@link #build()} starts its thread. */
  public static final class Builder {
    private String name;
    private Duration watchdogThreshold = Duration.ofMillis(100);
    private BlockedLoopListener blockedListener = Watchdog.LOGGING_LISTENER;
    private LoopClock clock = LoopClock.system();
    private boolean daemon = true;

    private Builder() {}

    /** The thread name; default {@code gust-loop-N}. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** How long one task may hold the loop before the watchdog warns; zero turns it off. */
    public Builder watchdogThreshold(Duration threshold) {
      if (threshold.isNegative()) {
        throw new IllegalArgumentException("threshold < 0: " + threshold);
      }
      this.watchdogThreshold = threshold;
      return this;
    }

    /** Who hears of a blocked loop; default: one WARN log with the loop thread's stack. */
    public Builder blockedLoopListener(BlockedLoopListener listener) {
      this.blockedListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The time source for timers and figures; default {@link LoopClock#system()}. */
    public Builder clock(LoopClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether the loop thread is a daemon thread; default true. */
    public Builder daemon(boolean daemon) {
      this.daemon = daemon;
      return this;
    }

    /** Opens the selector and starts the loop thread. */
    public EventLoop build() {
      try {
        return new EventLoop(this);
      } catch (IOException e) {
        throw new IllegalStateException("cannot open a selector", e);
      }
    }
  }
}

package io.gust.concurrent;

import io.gust.loop.EventLoop;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The inputs of {@link Futures#asCompleted} in the order they finish, each as a
 * {@link Completion} naming the input, for a plain thread that may block (Tornado's
 * WaitIterator).
 *
 * <p>{@link #next()} and {@link #poll(Duration)} block and refuse to run on a loop thread: a
 * blocked loop would never complete the inputs it waits for. On a loop, use
 * {@link Futures#asCompleted(java.util.List, java.util.function.BiConsumer)} instead. One thread
 * consumes an iterator; inputs may finish on any thread.
 */
public final class CompletionIterator<K, T> implements Iterator<Completion<K, T>> {
  private final BlockingQueue<Completion<K, T>> landed = new LinkedBlockingQueue<>();
  private final int count;
  /** Completions handed out so far. Confined to the consuming thread. */
  private int returned;

  CompletionIterator(int count) {
    this.count = count;
  }

  /** Hands over a finished input; any thread. */
  void offer(Completion<K, T> completion) {
    landed.add(completion);
  }

  /** True while some input has not been returned yet; never blocks. */
  @Override
  public boolean hasNext() {
    return returned < count;
  }

  /**
   * Blocks until the next input finishes and returns it.
   *
   * @throws NoSuchElementException when every input has been returned
   * @throws IllegalStateException when called on a loop thread
   * @throws CancellationException when the thread is interrupted while waiting; its interrupt
   *     status is set again
   */
  @Override
  public Completion<K, T> next() {
    checkMayBlock("next()");
    try {
      return taken(landed.take());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException stopped = new CancellationException("interrupted while waiting");
      stopped.initCause(e);
      throw stopped;
    }
  }

  /**
   * Blocks until the next input finishes or {@code timeout} passes; null when it passed first.
   *
   * @throws NoSuchElementException when every input has been returned
   * @throws IllegalStateException when called on a loop thread
   */
  public Completion<K, T> poll(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    checkMayBlock("poll()");
    Completion<K, T> completion = landed.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return completion == null ? null : taken(completion);
  }

  private void checkMayBlock(String method) {
    if (!hasNext()) {
      throw new NoSuchElementException("all " + count + " inputs were returned");
    }
    EventLoop loop = EventLoop.current();
    if (loop != null) {
      throw new IllegalStateException(method + " blocks, and " + loop.name() + " must not block:"
          + " it would never complete the inputs; use asCompleted(inputs, callback) on a loop");
    }
  }

  private Completion<K, T> taken(Completion<K, T> completion) {
    returned++;
    return completion;
  }
}

package io.gust.loop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fixed set of {@link EventLoop}s that hands them out round-robin, so that connections spread
 * over several cores.
 *
 * <p>Thread-safe. Closing the group closes every loop in it; the group owns its loops.
 */
public final class EventLoopGroup implements AutoCloseable {
  private final List<EventLoop> loops;
  private final AtomicInteger nextIndex = new AtomicInteger();

  private EventLoopGroup(List<EventLoop> loops) {
    this.loops = Collections.unmodifiableList(loops);
  }

  /** A group of one loop per available processor, with default settings. */
  public static EventLoopGroup create() {
    return create(Runtime.getRuntime().availableProcessors());
  }

  /** A group of {@code size} loops with default settings. */
  public static EventLoopGroup create(int size) {
    return create(size, EventLoop::create);
  }

  /** A group of {@code size} loops, each made by {@code factory}. */
  public static EventLoopGroup create(int size, Supplier<EventLoop> factory) {
    if (size < 1) {
      throw new IllegalArgumentException("size < 1: " + size);
    }
    Objects.requireNonNull(factory, "factory");
    List<EventLoop> loops = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        loops.add(Objects.requireNonNull(factory.get(), "factory returned null"));
      }
    } catch (RuntimeException e) {
      loops.forEach(EventLoop::close);
      throw e;
    }
    return new EventLoopGroup(loops);
  }

  /** The next loop in round-robin order. */
  public EventLoop next() {
    return loops.get(Math.floorMod(nextIndex.getAndIncrement(), loops.size()));
  }

  /** The loops of this group, in a fixed order. */
  public List<EventLoop> loops() {
    return loops;
  }

  /** The number of loops. */
  public int size() {
    return loops.size();
  }

  /** Closes every loop; blocks until their threads have ended. Idempotent. */
  @Override
  public void close() {
    loops.forEach(EventLoop::close);
  }
}

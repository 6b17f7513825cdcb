package io.gust.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An unbounded multi-producer, single-consumer FIFO of tasks, lock-free on both sides.
 *
 * <p>Producers claim a slot index with one atomic increment and publish the task into a chunk of
 * {@value #CHUNK_SIZE} slots; chunks are linked in index order, so the only allocation besides the
 * task is one chunk per {@value #CHUNK_SIZE} tasks. The consumer (the loop thread) reads slots in
 * index order; a slot that is claimed but not yet written is a producer between its two steps,
 * and the consumer spins briefly for it. Order is FIFO per producing thread.
 */
final class TaskQueue {
  static final int CHUNK_SIZE = 1024;
  private static final int MASK = CHUNK_SIZE - 1;

  private static final VarHandle NEXT;
  private static final VarHandle HINT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEXT = lookup.findVarHandle(Chunk.class, "next", Chunk.class);
      HINT = lookup.findVarHandle(TaskQueue.class, "producerHint", Chunk.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One block of slots; {@code base} is the index of its first slot. */
  static final class Chunk {
    final long base;
    final AtomicReferenceArray<Runnable> slots = new AtomicReferenceArray<>(CHUNK_SIZE);
    volatile Chunk next;

    Chunk(long base) {
      this.base = base;
    }
  }

  /** The next index a producer will claim. */
  private final AtomicLong producerIndex = new AtomicLong();
  /** A chunk at or before the newest one; producers start their search here. */
  private volatile Chunk producerHint;
  /** The chunk holding {@link #consumerIndex}; never past a slot that is still unwritten. */
  private volatile Chunk consumerChunk;
  /** The next index the consumer will read. Consumer-confined. */
  private long consumerIndex;

  TaskQueue() {
    Chunk first = new Chunk(0);
    producerHint = first;
    consumerChunk = first;
  }

  /** Appends a task; any thread. */
  void offer(Runnable task) {
    long index = producerIndex.getAndIncrement();
    Chunk chunk = producerHint;
    if (chunk.base > index) {
      // Other producers moved the hint past our slot; the consumer cannot have passed it.
      chunk = consumerChunk;
    }
    while (index >= chunk.base + CHUNK_SIZE) {
      Chunk next = chunk.next;
      if (next == null) {
        Chunk fresh = new Chunk(chunk.base + CHUNK_SIZE);
        next = NEXT.compareAndSet(chunk, null, fresh) ? fresh : chunk.next;
      }
      chunk = next;
    }
    Chunk hint = producerHint;
    if (hint.base < chunk.base) {
      HINT.compareAndSet(this, hint, chunk);
    }
    chunk.slots.setRelease((int) (index & MASK), task);
  }

  /** The index that the next {@link #offer} will claim; a volatile read. */
  long producerIndex() {
    return producerIndex.get();
  }

  /** The index of the next task {@link #poll} returns. Consumer thread only. */
  long consumerIndex() {
    return consumerIndex;
  }

  /** True when a task is claimed or published and not yet polled. Consumer thread only. */
  boolean hasTasks() {
    return producerIndex.get() != consumerIndex;
  }

  /** Removes and returns the oldest task, or null when none is claimed. Consumer thread only. */
  Runnable poll() {
    long index = consumerIndex;
    if (index == producerIndex.get()) {
      return null;
    }
    Chunk chunk = consumerChunk;
    if (index == chunk.base + CHUNK_SIZE) {
      Chunk next;
      while ((next = chunk.next) == null) {
        Thread.onSpinWait();
      }
      chunk = next;
      consumerChunk = chunk;
    }
    int slot = (int) (index & MASK);
    Runnable task;
    while ((task = chunk.slots.getAcquire(slot)) == null) {
      Thread.onSpinWait();
    }
    chunk.slots.lazySet(slot, null);
    consumerIndex = index + 1;
    return task;
  }
}

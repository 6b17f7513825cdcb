package io.gust.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by deadline, then by scheduling order.
 *
 * <p>Each timer remembers its index so that cancellation removes it at once in O(log n): a
 * client that cancels a request timeout for every response it receives would otherwise fill the
 * heap with dead entries. Loop-confined.
 */
final class TimerHeap {
  private static final VarHandle SIZE;

  static {
    try {
      SIZE = MethodHandles.lookup().findVarHandle(TimerHeap.class, "size", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private LoopTimer[] heap = new LoopTimer[64];
  /** Timers queued. Written on the loop thread only; other threads read it opaquely. */
  private int size;

  int size() {
    return size;
  }

  /** The size as another thread may read it: recent, never torn, never cached by the JIT. */
  int sizeOpaque() {
    return (int) SIZE.getOpaque(this);
  }

  LoopTimer peek() {
    return size == 0 ? null : heap[0];
  }

  void add(LoopTimer timer) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    timer.heapIndex = size;
    heap[size++] = timer;
    siftUp(timer.heapIndex);
  }

  /** Removes the timer if it is queued here. */
  void remove(LoopTimer timer) {
    int index = timer.heapIndex;
    if (index < 0 || index >= size || heap[index] != timer) {
      return;
    }
    timer.heapIndex = -1;
    LoopTimer last = heap[--size];
    heap[size] = null;
    if (index == size) {
      return;
    }
    heap[index] = last;
    last.heapIndex = index;
    siftDown(index);
    if (heap[index] == last) {
      siftUp(index);
    }
  }

  LoopTimer poll() {
    LoopTimer first = peek();
    if (first != null) {
      remove(first);
    }
    return first;
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].heapIndex = -1;
      heap[i] = null;
    }
    size = 0;
  }

  private void siftUp(int index) {
    LoopTimer timer = heap[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (!timer.isBefore(heap[parent])) {
        break;
      }
      place(heap[parent], index);
      index = parent;
    }
    place(timer, index);
  }

  private void siftDown(int index) {
    LoopTimer timer = heap[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      int right = child + 1;
      if (right < size && heap[right].isBefore(heap[child])) {
        child = right;
      }
      if (!heap[child].isBefore(timer)) {
        break;
      }
      place(heap[child], index);
      index = child;
    }
    place(timer, index);
  }

  private void place(LoopTimer timer, int index) {
    heap[index] = timer;
    timer.heapIndex = index;
  }
}

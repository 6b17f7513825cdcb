package io.gust.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.OnLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventLoopTest {
  private final EventLoop loop = EventLoop.create();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void timersFireInDeadlineOrderAndCancelledOnesNever() throws Exception {
    List<Integer> fired = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    int[] delays = {40, 10, 30, 10, 0, 20, 50};
    List<Cancellable> handles = new ArrayList<>();
    onLoop(() -> {
      for (int i = 0; i < delays.length; i++) {
        int id = i;
        handles.add(loop.schedule(Duration.ofMillis(delays[i]), () -> fired.add(id)));
      }
      loop.schedule(Duration.ofMillis(60), done::countDown);
      return null;
    });
    assertTrue(handles.get(2).cancel());
    assertTrue(handles.get(2).isCancelled());
    assertFalse(handles.get(2).cancel());
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertEquals(List.of(4, 1, 3, 5, 0, 6), fired);
    assertFalse(handles.get(0).cancel());
  }

  @Test
  void timerScheduledInNanosFiresInDeadlineOrderWithDurationTimers() throws Exception {
    List<String> fired = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    onLoop(() -> {
      loop.scheduleNanos(TimeUnit.MILLISECONDS.toNanos(30), () -> fired.add("nanos 30"));
      loop.schedule(Duration.ofMillis(10), () -> fired.add("duration 10"));
      loop.scheduleNanos(-5, () -> fired.add("nanos now"));
      loop.schedule(Duration.ofMillis(50), done::countDown);
      return null;
    });
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("nanos now", "duration 10", "nanos 30"), fired);
  }

  @Test
  void timerCancelledFromAnotherThreadNeverFiresAndLeavesTheHeap() throws Exception {
    int count = 1000;
    java.util.concurrent.atomic.AtomicIntegerArray fired = new java.util.concurrent.atomic.AtomicIntegerArray(count);
    boolean[] cancelled = new boolean[count];
    for (int i = 0; i < count; i++) {
      int id = i;
      cancelled[i] = loop.schedule(Duration.ofMillis(i % 3), () -> fired.incrementAndGet(id)).cancel();
    }
    CompletableFuture<Integer> heapSize = new CompletableFuture<>();
    loop.schedule(Duration.ofMillis(20), () -> heapSize.complete(loop.timers().size()));
    assertEquals(0, heapSize.get(5, TimeUnit.SECONDS));
    int cancelledCount = 0;
    for (int i = 0; i < count; i++) {
      assertEquals(cancelled[i] ? 0 : 1, fired.get(i), "timer " + i);
      cancelledCount += cancelled[i] ? 1 : 0;
    }
    assertTrue(cancelledCount > 0);
  }

  @Test
  void timerThatSchedulesZeroDelayTimersDoesNotStarveTasks() throws Exception {
    CompletableFuture<Void> taskRan = new CompletableFuture<>();
    Runnable[] again = new Runnable[1];
    again[0] = () -> {
      if (!taskRan.isDone()) {
        loop.schedule(Duration.ZERO, again[0]);
      }
    };
    loop.schedule(Duration.ZERO, again[0]);
    loop.execute(() -> taskRan.complete(null));
    taskRan.get(5, TimeUnit.SECONDS);
  }

  @Test
  void executeFromManyThreadsRunsEachTaskOnceInPerThreadOrder() throws Exception {
    int threads = 8;
    int perThread = 200_000;
    long[] lastSeen = new long[threads];
    java.util.Arrays.fill(lastSeen, -1);
    AtomicLong outOfOrder = new AtomicLong();
    AtomicLong ran = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        pool.execute(() -> {
          for (int i = 0; i < perThread; i++) {
            long seq = i;
            loop.execute(() -> {
              if (lastSeen[thread] != seq - 1) {
                outOfOrder.incrementAndGet();
              }
              lastSeen[thread] = seq;
              ran.incrementAndGet();
            });
          }
        });
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
      onLoop(() -> null);
    } finally {
      pool.shutdownNow();
    }
    assertEquals((long) threads * perThread, ran.get());
    assertEquals(0, outOfOrder.get());
    for (long last : lastSeen) {
      assertEquals(perThread - 1, last);
    }
  }

  @Test
  void taskThatThrowsDoesNotStopTheLoop() throws Exception {
    loop.execute(() -> {
      throw new IllegalStateException("boom from a test task");
    });
    loop.schedule(Duration.ZERO, () -> {
      throw new IllegalStateException("boom from a test timer");
    });
    assertEquals("alive", onLoop(() -> "alive"));
  }

  @Test
  void runInExecutorCompletesOnTheLoopThread() throws Exception {
    ExecutorService blocking = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Thread> ranOn = new CompletableFuture<>();
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> result = loop.runInExecutor(blocking, () -> {
        ranOn.complete(Thread.currentThread());
        release.await(5, TimeUnit.SECONDS);
        return "value";
      });
      CompletableFuture<String> completedOn = result.thenApply(v -> Thread.currentThread().getName() + ":" + v);
      release.countDown();
      assertEquals(loop.name() + ":value", completedOn.get(5, TimeUnit.SECONDS));
      assertFalse(ranOn.get() instanceof LoopThread);

      CountDownLatch releaseFailure = new CountDownLatch(1);
      CompletableFuture<String> failing = loop.runInExecutor(blocking, () -> {
        releaseFailure.await(5, TimeUnit.SECONDS);
        throw new IOException("disk on fire");
      });
      CompletableFuture<String> failedOn = failing.handle((v, e) -> Thread.currentThread().getName() + ":" + e.getMessage());
      releaseFailure.countDown();
      assertEquals(loop.name() + ":disk on fire", failedOn.get(5, TimeUnit.SECONDS));
    } finally {
      blocking.shutdownNow();
    }
  }

  @Test
  void runInExecutorFailsWhenTheExecutorRejects() {
    ExecutorService shut = Executors.newSingleThreadExecutor();
    shut.shutdown();
    CompletableFuture<String> result = loop.runInExecutor(shut, () -> "never");
    ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof RejectedExecutionException);
  }

  @Test
  void registerOffTheLoopThreadIsRefused() throws Exception {
    Pipe pipe = Pipe.open();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> loop.register(pipe.source(), SelectionKey.OP_READ, key -> { }));
      assertTrue(e.getMessage().contains(loop.name()), e.getMessage());
    } finally {
      pipe.source().close();
      pipe.sink().close();
    }
  }

  @Test
  void handlerReceivesReadinessAndAThrowingHandlerHasItsChannelClosed() throws Exception {
    Pipe pipe = Pipe.open();
    CompletableFuture<Byte> read = new CompletableFuture<>();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    onLoop(() -> loop.register(pipe.source(), SelectionKey.OP_READ, new IoHandler() {
      @Override
      public void onReady(SelectionKey key) {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
          pipe.source().read(one);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        read.complete(one.get(0));
        throw new IllegalStateException("handler bug");
      }

      @Override
      public void onFailure(Throwable cause) {
        failure.complete(cause);
      }
    }));
    pipe.sink().write(ByteBuffer.wrap(new byte[] {42}));
    assertEquals((byte) 42, read.get(5, TimeUnit.SECONDS));
    assertEquals("handler bug", failure.get(5, TimeUnit.SECONDS).getMessage());
    assertFalse(onLoop(() -> pipe.source().isOpen()));
    pipe.sink().close();
  }

  @Test
  void closeRunsQueuedTasksClosesChannelsAndRejectsNewTasks() throws Exception {
    Pipe pipe = Pipe.open();
    CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
    onLoop(() -> loop.register(pipe.source(), SelectionKey.OP_READ, new IoHandler() {
      @Override
      public void onReady(SelectionKey key) {}

      @Override
      public void onFailure(Throwable cause) {
        closedWith.complete(cause);
      }
    }));
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    loop.execute(() -> awaitQuietly(gate));
    for (int i = 0; i < 100; i++) {
      loop.execute(ran::incrementAndGet);
    }
    Thread closer = new Thread(loop::close);
    closer.start();
    gate.countDown();
    closer.join(5000);
    assertFalse(closer.isAlive());
    assertEquals(100, ran.get());
    assertTrue(closedWith.isDone());
    assertFalse(pipe.source().isOpen());
    assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
    loop.close();
    pipe.sink().close();
  }

  @Test
  void closeFromTheLoopThreadDoesNotDeadlock() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    loop.execute(() -> {
      loop.close();
      closed.complete(null);
    });
    closed.get(5, TimeUnit.SECONDS);
    loop.close();
    assertFalse(loop.thread().isAlive());
  }

  @Test
  void currentNamesTheLoopOfTheCallingThread() throws Exception {
    assertNull(EventLoop.current());
    assertSame(loop, onLoop(EventLoop::current));
    assertTrue(onLoop(loop::inLoop));
    assertFalse(loop.inLoop());
  }

  @Test
  void manualClockDrivesTimersWithoutWaiting() throws Exception {
    AtomicLong now = new AtomicLong(1_000);
    try (EventLoop manual = EventLoop.builder().clock(now::get).build()) {
      CompletableFuture<Long> fired = new CompletableFuture<>();
      manual.schedule(Duration.ofHours(1), () -> fired.complete(now.get()));
      CompletableFuture<Void> pass = new CompletableFuture<>();
      manual.execute(() -> pass.complete(null));
      pass.get(5, TimeUnit.SECONDS);
      assertFalse(fired.isDone());
      now.addAndGet(Duration.ofHours(1).toNanos());
      manual.execute(() -> { });
      assertEquals(now.get(), fired.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void statsCountTasksAndTimerLag() throws Exception {
    for (int i = 0; i < 1000; i++) {
      loop.execute(() -> { });
    }
    onLoop(() -> null);
    LoopStats stats = loop.stats();
    assertTrue(stats.tasksRun() >= 1001, stats.toString());
    assertTrue(stats.maxLag().compareTo(stats.currentLag()) >= 0, stats.toString());
  }

  @Test
  void statsCountPendingTimersUntilTheyRunOrAreCancelled() throws Exception {
    int before = onLoop(() -> loop.stats().pendingTimers());
    Cancellable later = loop.schedule(Duration.ofHours(1), () -> { });
    CompletableFuture<Void> ran = new CompletableFuture<>();
    loop.schedule(Duration.ofMillis(1), () -> ran.complete(null));
    assertEquals(before + 2, (int) onLoop(() -> loop.stats().pendingTimers()));
    ran.get(5, TimeUnit.SECONDS);
    assertEquals(before + 1, (int) onLoop(() -> loop.stats().pendingTimers()));
    later.cancel();
    assertEquals(before, (int) onLoop(() -> loop.stats().pendingTimers()));
    assertEquals(before, loop.stats().pendingTimers());
  }

  @Test
  void groupHandsOutLoopsRoundRobinAndClosesThemAll() {
    EventLoopGroup group = EventLoopGroup.create(3);
    List<EventLoop> seen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      seen.add(group.next());
    }
    assertEquals(group.loops(), seen.subList(0, 3));
    assertEquals(group.loops(), seen.subList(3, 6));
    group.close();
    for (EventLoop member : group.loops()) {
      assertTrue(member.isClosed());
      assertFalse(member.thread().isAlive());
    }
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> body) throws Exception {
    return OnLoop.call(loop, body);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

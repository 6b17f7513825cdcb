package io.gust.samples.jmh;

import io.gust.loop.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-thread {@link EventLoop#execute} throughput: producers on other threads queue a batch of
 * tasks and wait until the loop has run them all, so the figure is tasks run per second, not
 * merely tasks queued. Each producer reuses one task object, so any allocation that the GC
 * profiler reports per operation is the loop's own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ExecuteBenchmark {
  static final int BATCH = 1000;

  /** The loop under test, shared by every producer. */
  @State(Scope.Benchmark)
  public static class Loop {
    EventLoop loop;

    @Setup(Level.Trial)
    public void start() {
      loop = EventLoop.builder().watchdogThreshold(Duration.ofMillis(100)).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
      loop.close();
    }
  }

  /** One producer's reusable task and the count of its tasks the loop has run. */
  @State(Scope.Thread)
  public static class Producer implements Runnable {
    private static final VarHandle RAN;

    static {
      try {
        RAN = MethodHandles.lookup().findVarHandle(Producer.class, "ran", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private long ran;
    long queued;

    @Override
    public void run() {
      RAN.setRelease(this, ran + 1);
    }

    void awaitRun() {
      // Yield rather than spin: on two cores a spinning producer would starve the loop thread.
      while ((long) RAN.getAcquire(this) < queued) {
        Thread.yield();
      }
    }
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public void oneProducer(Loop loop, Producer producer) {
    batch(loop.loop, producer);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(BATCH)
  public void twoProducers(Loop loop, Producer producer) {
    batch(loop.loop, producer);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public void fourProducers(Loop loop, Producer producer) {
    batch(loop.loop, producer);
  }

  private static void batch(EventLoop loop, Producer producer) {
    for (int i = 0; i < BATCH; i++) {
      loop.execute(producer);
    }
    producer.queued += BATCH;
    producer.awaitRun();
  }
}

package io.gust.resolver;

import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system resolver ({@link InetAddress#getAllByName}, so the hosts file, NSS and the C
 * library's DNS client) on a bounded pool of threads, so that lookups never block a loop.
 *
 * <p>Threads are daemons named {@code gust-resolver-N}; idle ones end after a while. Lookups wait
 * in a queue of bounded size while all threads are busy; when it is full, a lookup fails at once
 * with {@link ResolverRejectedException}. Results complete on the caller's loop thread. IP
 * literals and {@code localhost} are answered without the pool. Failures are the JDK's
 * {@link UnknownHostException}. Thread-safe; one instance may serve many clients and loops.
 * {@link #close()} stops the threads and fails the lookups still queued; lookups after it fail.
 */
public final class ThreadedResolver implements Resolver {
  /** How many lookups may wait for a thread unless told otherwise. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final long IDLE_THREAD_SECONDS = 30;

  private final ThreadPoolExecutor pool;
  private final BlockingLookup lookup;
  private final int queueCapacity;

  /** A resolver with {@code threads} threads and {@link #DEFAULT_QUEUE_CAPACITY} waiting. */
  public ThreadedResolver(int threads) {
    this(threads, DEFAULT_QUEUE_CAPACITY);
  }

  /** A resolver with {@code threads} threads and at most {@code queueCapacity} lookups waiting. */
  public ThreadedResolver(int threads, int queueCapacity) {
    this(threads, queueCapacity, InetAddress::getAllByName);
  }

  ThreadedResolver(int threads, int queueCapacity, BlockingLookup lookup) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity < 1: " + queueCapacity);
    }
    this.lookup = lookup;
    this.queueCapacity = queueCapacity;
    this.pool = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueCapacity), ThreadedResolver::newThread);
    pool.allowCoreThreadTimeOut(true);
  }

  /** Queues the lookup on the pool; the future completes on {@code loop}'s thread. */
  @Override
  public CompletableFuture<List<InetSocketAddress>> resolve(
      EventLoop loop, String host, int port, AddressFamily family) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(family, "family");
    CompletableFuture<List<InetSocketAddress>> literal = LiteralAnswer.of(host, port, family);
    if (literal != null) {
      return literal;
    }
    Lookup task = new Lookup(loop, host, port, family);
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      String reason = pool.isShutdown()
          ? "resolver closed" : "lookup queue full (" + queueCapacity + " waiting)";
      task.result.completeExceptionally(new ResolverRejectedException(host, reason));
    }
    return task.result;
  }

  /** Stops the threads and fails the queued lookups with {@link ResolverRejectedException}. */
  @Override
  public void close() {
    for (Runnable queued : pool.shutdownNow()) {
      Lookup task = (Lookup) queued;
      task.deliver(null, new ResolverRejectedException(task.host, "resolver closed"));
    }
  }

  /** Lookups waiting for a thread; for tests. */
  int queued() {
    return pool.getQueue().size();
  }

  @Override
  public String toString() {
    return "ThreadedResolver{threads=" + pool.getMaximumPoolSize() + "}";
  }

  private static Thread newThread(Runnable work) {
    Thread thread = new Thread(work, "gust-resolver-" + THREAD_NUMBER.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }

  /** A name lookup that blocks its thread; the JDK's in production, scripted in tests. */
  @FunctionalInterface
  interface BlockingLookup {
    InetAddress[] allByName(String host) throws UnknownHostException;
  }

  /** One lookup: runs on a pool thread, delivers on the caller's loop. */
  private final class Lookup implements Runnable {
    final EventLoop loop;
    final String host;
    final int port;
    final AddressFamily family;
    final CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();

    Lookup(EventLoop loop, String host, int port, AddressFamily family) {
      this.loop = loop;
      this.host = host;
      this.port = port;
      this.family = family;
    }

    @Override
    public void run() {
      try {
        InetAddress[] all = lookup.allByName(host);
        List<InetSocketAddress> addresses = new ArrayList<>(all.length);
        for (InetAddress address : all) {
          if (family.accepts(address)) {
            addresses.add(new InetSocketAddress(address, port));
          }
        }
        deliver(addresses.isEmpty() ? null : addresses,
            addresses.isEmpty() ? LiteralAnswer.noAddress(host, family) : null);
      } catch (UnknownHostException e) {
        deliver(null, e);
      } catch (RuntimeException e) {
        UnknownHostException failure = new UnknownHostException(host + ": lookup failed");
        failure.initCause(e);
        deliver(null, failure);
      }
    }

    void deliver(List<InetSocketAddress> addresses, UnknownHostException failure) {
      Runnable completion = () -> {
        if (failure != null) {
          result.completeExceptionally(failure);
        } else {
          result.complete(addresses);
        }
      };
      try {
        loop.execute(completion);
      } catch (RejectedExecutionException e) {
        // The loop is closed: nobody runs there any more, so complete here.
        completion.run();
      }
    }
  }
}

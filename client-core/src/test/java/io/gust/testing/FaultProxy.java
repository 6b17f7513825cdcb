package io.gust.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A TCP proxy for tests that sits between a client and a server on loopback and injects one
 * {@link Fault} per connection, chosen by a plan from the connection's index (0 for the first
 * accepted). It listens on 127.0.0.1 on an ephemeral port.
 *
 * <p>Blocking I/O, one daemon thread to accept and two per connection, all named {@code
 * fault-proxy-N}. {@link #close()} closes the listening socket and every connection, stalled ones
 * included, and waits for its threads to end, so a test that closes it leaks no descriptor or
 * thread. Safe to use from any thread.
 */
public final class FaultProxy implements Closeable {
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long JOIN_MILLIS = 5_000;

  private final InetSocketAddress target;
  private final IntFunction<Fault> plan;
  private final ServerSocket listener;
  private final Thread acceptor;
  /** Counted down by {@link #close()}. */
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger faultsStruck = new AtomicInteger();
  /** Every connection accepted, and every thread started; guarded by {@code this}. */
  private final List<ProxiedConnection> connections = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private FaultProxy(InetSocketAddress target, IntFunction<Fault> plan) throws IOException {
    this.target = Objects.requireNonNull(target, "target");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = newThread(this::acceptLoop);
  }

  /** Starts a proxy to {@code target} that gives connection {@code i} the fault {@code plan.apply(i)}. */
  public static FaultProxy start(InetSocketAddress target, IntFunction<Fault> plan) throws IOException {
    FaultProxy proxy = new FaultProxy(target, plan);
    proxy.acceptor.start();
    return proxy;
  }

  /** Starts a proxy to {@code target} that gives every connection the same fault. */
  public static FaultProxy start(InetSocketAddress target, Fault fault) throws IOException {
    Objects.requireNonNull(fault, "fault");
    return start(target, index -> fault);
  }

  /** Returns the port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Returns the address clients connect to. */
  public InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  /** Returns how many connections were accepted so far. */
  public synchronized int connectionCount() {
    return connections.size();
  }

  /** Returns how many faults reached their offset and struck so far (NONE never strikes). */
  public int faultsStruck() {
    return faultsStruck.get();
  }

  /** Closes the listening socket and every connection, then waits for the proxy's threads. */
  @Override
  public void close() {
    List<Thread> toJoin;
    synchronized (this) {
      closed.countDown();
      closeQuietly(listener);
      connections.forEach(ProxiedConnection::abort);
      toJoin = new ArrayList<>(threads);
    }
    toJoin.add(acceptor);
    for (Thread thread : toJoin) {
      try {
        thread.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (thread.isAlive()) {
        throw new IllegalStateException(thread.getName() + " did not end");
      }
    }
  }

  private void acceptLoop() {
    while (closed.getCount() > 0) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      int index;
      synchronized (this) {
        index = connections.size();
      }
      Fault fault = Objects.requireNonNull(plan.apply(index), "the plan gave no fault");
      Socket server = new Socket();
      ProxiedConnection connection = new ProxiedConnection(client, server, fault, faultsStruck);
      synchronized (this) {
        connections.add(connection);
        if (closed.getCount() == 0) {
          connection.abort();
          return;
        }
      }
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(target, CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        connection.abort();
        continue;
      }
      startThread(connection.pump(Fault.Direction.CLIENT_TO_SERVER));
      startThread(connection.pump(Fault.Direction.SERVER_TO_CLIENT));
    }
  }

  private synchronized void startThread(Runnable task) {
    if (closed.getCount() == 0) {
      return;
    }
    threads.removeIf(thread -> !thread.isAlive());
    Thread thread = newThread(task);
    threads.add(thread);
    thread.start();
  }

  private static Thread newThread(Runnable task) {
    Thread thread = new Thread(task, "fault-proxy-" + THREAD_IDS.getAndIncrement());
    thread.setDaemon(true);
    return thread;
  }

  static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing is best effort: the socket is gone either way.
    }
  }
}

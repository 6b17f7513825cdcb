package io.gust.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Ports on 127.0.0.1 for the real servers tests start: a free one, and waiting until one listens. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /** Returns a port that was free a moment ago, for servers that must be told their port. */
  public static int free() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /**
   * Polls, with a bound, until {@code port} accepts connections; throws IllegalStateException
   * with {@code logs} when {@code process} exits first or the time runs out.
   */
  public static void awaitListening(Process process, int port, long timeoutSeconds, String name,
      Callable<String> logs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited: " + logs.call());
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException notYet) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
    throw new IllegalStateException(name + " did not listen within " + timeoutSeconds + " s: "
        + logs.call());
  }
}

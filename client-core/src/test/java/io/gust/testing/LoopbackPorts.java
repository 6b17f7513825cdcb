package io.gust.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

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
   * with {@code logs} when {@code process} exits first, an AssertionError with them when the
   * time runs out.
   */
  public static void awaitListening(Process process, int port, long timeoutSeconds, String name,
      Callable<String> logs) {
    Eventually.assertThat(Duration.ofSeconds(timeoutSeconds),
        () -> name + " did not listen within " + timeoutSeconds + " s: " + read(logs), () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited: " + read(logs));
          }
          return accepts(port);
        });
  }

  /** Stops {@code process} and waits, with a bound, for it to exit. */
  public static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Stops {@code process} as {@link #stop} does, for a {@code close()} that throws nothing: an
   * interrupt ends the wait and stays set on the thread.
   */
  public static void stopQuietly(Process process) {
    try {
      stop(process);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean accepts(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String read(Callable<String> logs) {
    try {
      return logs.call();
    } catch (Exception e) {
      return "(logs unreadable: " + e + ")";
    }
  }
}

package io.gust.testing;

/**
 * A real server process a test started that listens on a 127.0.0.1 port: what the proxies and
 * SOCKS servers of this package have in common. The subclass starts the process and returns once
 * it listens; {@link #close()} stops it and waits, with a bound, for it to exit.
 */
public abstract class LoopbackDaemon implements AutoCloseable {
  private final Process process;
  private final int port;

  LoopbackDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The port the server listens on. */
  public final int port() {
    return port;
  }

  /** Stops the server and waits, with a bound, for it to exit. */
  @Override
  public final void close() throws InterruptedException {
    LoopbackPorts.stop(process);
  }
}

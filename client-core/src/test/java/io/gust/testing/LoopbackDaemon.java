package io.gust.testing;

import java.io.IOException;

/**
 * A real server process a test started that listens on a 127.0.0.1 port (a proxy, a SOCKS
 * server, a file server): its port, what it logged, and {@link #close()}, which stops it and
 * waits, with a bound, for it to exit. Subclasses start it through {@link ServerProcess}, which
 * returns once the port accepts connections.
 */
public abstract class LoopbackDaemon implements AutoCloseable {
  private final ServerProcess server;

  LoopbackDaemon(ServerProcess server) {
    this.server = server;
  }

  /** The port the server listens on. */
  public final int port() {
    return server.port();
  }

  /** What the server wrote to its logs so far. */
  public final String logs() throws IOException {
    return server.logs();
  }

  /** Stops the server and waits, with a bound, for it to exit. */
  @Override
  public final void close() {
    server.close();
  }
}

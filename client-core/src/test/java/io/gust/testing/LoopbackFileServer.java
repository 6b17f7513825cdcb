package io.gust.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A real file server a test started on 127.0.0.1 (nghttpd, h2o, apache2): its port, its logs,
 * the {@code www} directory it serves under its own, and {@link #close()}, which kills it.
 */
public abstract class LoopbackFileServer implements AutoCloseable {
  private final ServerProcess server;
  private final Path dir;

  LoopbackFileServer(ServerProcess server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  public int port() {
    return server.port();
  }

  /** What the server wrote to its logs so far. */
  public String logs() throws IOException {
    return server.logs();
  }

  /** Where the server serves files from; files put there must be readable by everyone. */
  public Path www() {
    return dir.resolve("www");
  }

  /** Kills the server and waits, with a bound, for it to exit. */
  @Override
  public void close() {
    server.close();
  }
}

package io.gust.testing;

import java.nio.file.Path;

/**
 * A real file server a test started on 127.0.0.1 (nghttpd, h2o, apache2, nginx): a
 * {@link LoopbackDaemon} that also serves the {@code www} directory under its own.
 */
public abstract class LoopbackFileServer extends LoopbackDaemon {
  private final Path dir;

  LoopbackFileServer(ServerProcess server, Path dir) {
    super(server);
    this.dir = dir;
  }

  /** Where the server serves files from; files put there must be readable by everyone. */
  public Path www() {
    return dir.resolve("www");
  }
}

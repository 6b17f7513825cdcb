package io.gust.samples;

import io.gust.loop.EventLoopGroup;
import io.gust.server.Handlers;
import io.gust.server.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code serve} command: the companion server with its test routes and, with {@code --dir},
 * the files of a directory under every other path. {@code --loops N} spreads connections over N
 * loops (default: one loop of the server's own). Prints its URL and runs until the process is
 * stopped.
 */
final class ServeCommand {
  private ServeCommand() {}

  /** A running {@code serve}: its server and the file readers, closed together. */
  record Running(HttpServer server, ExecutorService files, EventLoopGroup group)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      files.shutdown();
      if (group != null) {
        group.close();
      }
    }
  }

  /** Blocks until the process is stopped: runs {@code serve ARGS}; returns 2 for bad arguments. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Running running;
    try {
      running = start(args);
    } catch (IllegalArgumentException | IOException e) {
      err.println("serve: " + e.getMessage());
      err.println("usage: serve [--port N] [--dir DIR] [--loops N]");
      return 2;
    }
    out.println("serving on " + running.server().url("/"));
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "serve-shutdown"));
    new CountDownLatch(1).await();
    return 0;
  }

  /** Starts the server {@code args} describe; port 8080 by default, 0 picks a free one. */
  static Running start(String[] args) throws IOException {
    int port = 8080;
    int loops = 0;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--loops" -> loops = Integer.parseInt(value(args, ++i));
        case "--dir" -> dir = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ExecutorService files = Executors.newFixedThreadPool(2, DaemonThreads.named("serve-files"));
    HttpServer.Builder builder = HttpServer.builder().port(port).testRoutes();
    if (dir != null) {
      builder.routeAsync("GET", "/*", Handlers.offload(files, new StaticFiles(dir, files)));
    }
    EventLoopGroup group = loops > 0 ? EventLoopGroup.create(loops) : null;
    if (group != null) {
      builder.loopGroup(group);
    }
    return new Running(builder.build().start(), files, group);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }
}

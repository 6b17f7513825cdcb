package io.gust.samples;

import io.gust.server.HttpServer;

/**
 * Where the examples send their requests: the base URL given on the command line, or else the
 * companion server with its test routes, started in-process on an ephemeral port so that an
 * example needs no network. Closing it stops the server it started, if any.
 */
final class Companion implements AutoCloseable {
  private final HttpServer server;
  private final String base;

  private Companion(HttpServer server, String base) {
    this.server = server;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Uses {@code args[0]} as the base URL when there is one, else starts the companion server. */
  static Companion from(String[] args) {
    if (args.length > 0) {
      return new Companion(null, args[0]);
    }
    HttpServer server = HttpServer.builder().testRoutes().build().start();
    return new Companion(server, server.url("/").toString());
  }

  /** Starts the companion server on {@code loop}, which the caller keeps owning. */
  static Companion on(io.gust.loop.EventLoop loop) {
    HttpServer server = HttpServer.builder().loop(loop).testRoutes().build().start();
    return new Companion(server, server.url("/").toString());
  }

  /** The URL of {@code path} (which starts with a slash). */
  String url(String path) {
    return base + path;
  }

  /** Whether the companion server runs in this process (false when a base URL was given). */
  boolean isInProcess() {
    return server != null;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}

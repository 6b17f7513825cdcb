package io.gust.samples;

import io.gust.loop.EventLoopGroup;
import io.gust.server.HttpServer;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the companion server with its test routes until the process is stopped, for benchmarks
 * and manual tries until the {@code serve} command exists:
 * {@code java -cp samples/target/gust-samples.jar io.gust.samples.TestRoutesServer [PORT [LOOPS]]}.
 * LOOPS 0 (the default) runs one loop of the server's own.
 */
public final class TestRoutesServer {
  private TestRoutesServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    HttpServer.Builder builder = HttpServer.builder().port(port).testRoutes();
    if (loops > 0) {
      builder.loopGroup(EventLoopGroup.create(loops));
    }
    HttpServer server = builder.build().start();
    System.out.println("listening on " + server.url("/"));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    new CountDownLatch(1).await();
  }
}

package io.gust.server;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A started {@link HttpServer} with the {@link TestRoutes} on 127.0.0.1 and an ephemeral port,
 * for tests: create one per test and close it after.
 *
 * <p>A JUnit 5 extension is five lines around it (Gust's core does not depend on JUnit):
 *
 * <pre>{@code
 * public final class TestServerExtension implements BeforeEachCallback, AfterEachCallback {
 *   private TestServer server;
 *   public void beforeEach(ExtensionContext context) { server = TestServer.start(); }
 *   public void afterEach(ExtensionContext context) { server.close(); }
 *   public URI url(String path) { return server.url(path); }
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} blocks until the server and its loop stopped.
 */
public final class TestServer implements AutoCloseable {
  private final HttpServer server;

  private TestServer(HttpServer server) {
    this.server = server;
  }

  /** Blocks until a server with the test routes is listening. */
  public static TestServer start() {
    return start(builder -> {});
  }

  /**
   * Blocks until a server is listening with the test routes and whatever {@code customizer} adds
   * (routes added there come first, so they can override test routes).
   */
  public static TestServer start(Consumer<HttpServer.Builder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    HttpServer.Builder builder = HttpServer.builder();
    customizer.accept(builder);
    builder.testRoutes();
    return new TestServer(builder.build().start());
  }

  /**
   * The URL of {@code path} on this server, such as {@code http://127.0.0.1:40123/get}; {@code
   * https} for a server started with {@code builder -> builder.tls(...)}.
   */
  public URI url(String path) {
    return server.url(path);
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** The server itself. */
  public HttpServer server() {
    return server;
  }

  /** Blocks until the server stopped; idempotent. */
  @Override
  public void close() {
    server.close();
  }
}

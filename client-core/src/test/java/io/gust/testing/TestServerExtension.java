package io.gust.testing;

import io.gust.server.HttpServer;
import io.gust.server.TestServer;
import java.net.URI;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension giving each test a started {@link TestServer}, closed after it:
 * {@code @RegisterExtension final TestServerExtension server = new TestServerExtension();}.
 */
public final class TestServerExtension implements BeforeEachCallback, AfterEachCallback {
  private final Consumer<HttpServer.Builder> customizer;
  private TestServer server;

  /** A server with the test routes only. */
  public TestServerExtension() {
    this(builder -> {});
  }

  /** A server with the test routes after what {@code customizer} sets up. */
  public TestServerExtension(Consumer<HttpServer.Builder> customizer) {
    this.customizer = customizer;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = TestServer.start(customizer);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
  }

  /** The URL of {@code path} on the running server. */
  public URI url(String path) {
    return server.url(path);
  }

  /** The running server. */
  public HttpServer server() {
    return server.server();
  }
}

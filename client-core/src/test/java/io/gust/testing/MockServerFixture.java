package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.gust.client.AsyncHttpClient;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer on 127.0.0.1 and a default client for each test, with {@link LeakCheck}'s
 * checks after the server closed (so it runs them itself, in that order).
 *
 * <pre>{@code
 * @RegisterExtension final MockServerFixture fixture = new MockServerFixture();
 * }</pre>
 */
public final class MockServerFixture implements BeforeEachCallback, AfterEachCallback {
  private final LeakCheck leaks = new LeakCheck();
  private MockWebServer server;
  private AsyncHttpClient client;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    leaks.beforeEach(context);
    server = new MockWebServer();
    server.start(0);
    client = leaks.track(AsyncHttpClient.create());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    client.close();
    server.close();
    leaks.afterEach(context);
  }

  public MockWebServer server() {
    return server;
  }

  /** The default client, closed and checked after the test. */
  public AsyncHttpClient client() {
    return client;
  }

  /** Closes {@code other} after the test and checks its pool; returns it. */
  public AsyncHttpClient track(AsyncHttpClient other) {
    return leaks.track(other);
  }

  /** The server's URL for {@code path}, as a string. */
  public String url(String path) {
    return server.url(path).toString();
  }

  /** The next request the server received, waiting at most five seconds. */
  public RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "server saw no request");
    return request;
  }
}

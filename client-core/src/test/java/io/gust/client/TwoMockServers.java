package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Two MockWebServers (two origins) started before each test and closed after it. */
final class TwoMockServers implements BeforeEachCallback, AfterEachCallback {
  /** The first origin; set before each test. */
  MockWebServer server;
  /** The second origin; set before each test. */
  MockWebServer other;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server = new MockWebServer();
    server.start(0);
    other = new MockWebServer();
    other.start(0);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
    other.close();
  }

  /** The next request {@code from} saw, waiting at most 5 s. */
  static RecordedRequest take(MockWebServer from) throws InterruptedException {
    RecordedRequest request = from.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "server saw no request");
    return request;
  }
}

package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.client.HttpsEndToEndTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gust.testing.LeakCheck;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's default response head limits, as generous as curl's, against MockWebServer. */
@Timeout(60)
class HeaderLimitsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final MockWebServer server = new MockWebServer();
  private AsyncHttpClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    client = leaks.track(AsyncHttpClient.builder().build());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  private String url() {
    return server.url("/").toString();
  }

  /** Pins: a response with one 64 KiB field was refused as too large. */
  @Test
  void responseWithOne64KibFieldIsAccepted() throws Exception {
    String big = "x".repeat(64 * 1024);
    server.enqueue(new MockResponse.Builder().addHeader("X-Big", big).body("ok").build());
    HttpResponse response = await(client.fetch(url()));
    assertEquals(big, response.header("X-Big"));
    assertEquals("ok", response.bodyString());
  }

  /** Pins: a response with 200 fields was refused as too large. */
  @Test
  void responseWithHundredsOfFieldsIsAccepted() throws Exception {
    MockResponse.Builder many = new MockResponse.Builder().body("ok");
    for (int i = 0; i < 500; i++) {
      many.addHeader("X-Field-" + i, "value " + i);
    }
    server.enqueue(many.build());
    HttpResponse response = await(client.fetch(url()));
    assertEquals("value 499", response.header("X-Field-499"));
    assertEquals("ok", response.bodyString());
  }

  @Test
  void fieldLineOver100KibFailsTooLargeInTheHeadersPhase() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("X-Big", "x".repeat(101 * 1024))
        .body("ok").build());
    MessageTooLargeException error =
        assertInstanceOf(MessageTooLargeException.class, failure(client.fetch(url())));
    assertEquals(MessageTooLargeException.Limit.FIELD_LINE_BYTES, error.limit());
    assertEquals(100 * 1024, error.limitValue());
    assertEquals(Phase.HEADERS, error.phase());
  }

  @Test
  void headOver300KibFailsTooLarge() throws Exception {
    MockResponse.Builder huge = new MockResponse.Builder().body("ok");
    for (int i = 0; i < 4; i++) {
      huge.addHeader("X-Big-" + i, "x".repeat(90 * 1024));
    }
    server.enqueue(huge.build());
    MessageTooLargeException error =
        assertInstanceOf(MessageTooLargeException.class, failure(client.fetch(url())));
    assertEquals(MessageTooLargeException.Limit.HEAD_BYTES, error.limit());
    assertEquals(300 * 1024, error.limitValue());
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import okio.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The exchange's state machine driven in memory, one read at a time, with no socket: the phase
 * it reports as the response arrives, the single report of its outcome, and the first failure
 * winning. Runs in milliseconds; the end-to-end tests cover the same paths over real sockets.
 */
class ExchangeStateTest {
  private static final InMemoryExchanges EXCHANGES = new InMemoryExchanges(1024, 4096);
  private static final HttpRequest GET = HttpRequest.get("http://example.test/");

  @AfterAll
  static void closeLoop() {
    EXCHANGES.close();
  }

  @Test
  void phaseFollowsTheResponseAndTheResponseIsReportedOnce() throws Exception {
    InMemoryExchanges.Driven driven = EXCHANGES.start(GET);
    assertEquals(Phase.HEADERS, driven.phase());
    assertTrue(driven.deliver("HTTP/1.1 200 OK\r\nContent-"));
    assertEquals(Phase.HEADERS, driven.phase());
    assertTrue(driven.deliver("Length: 5\r\n\r\nhe"));
    assertEquals(Phase.BODY, driven.phase());
    assertTrue(driven.reportsAfterQueuedTasks().isEmpty());
    assertFalse(driven.deliver("llo"));
    assertFalse(driven.isActive());

    List<Object> reports = driven.reportsAfterQueuedTasks();
    assertEquals(1, reports.size());
    HttpResponse response = assertInstanceOf(HttpResponse.class, reports.get(0));
    assertEquals(200, response.code());
    assertEquals("hello", response.bodyString());
    assertFalse(response.timings().total().isNegative());
  }

  /** Pins that a large buffered body is not copied into one array (a humongous one) at the end. */
  @Test
  void largeBufferedBodyOfAnnouncedLengthIsCollectedIntoOneArray() throws Exception {
    int chunk = 64 * 1024;
    int chunks = 16;
    try (InMemoryExchanges large = new InMemoryExchanges(1024, 2L * chunk * chunks)) {
      InMemoryExchanges.Driven driven = large.start(GET);
      assertTrue(driven.deliver("HTTP/1.1 200 OK\r\nContent-Length: " + chunk * chunks
          + "\r\n\r\n"));
      for (int i = 0; i < chunks; i++) {
        assertEquals(i < chunks - 1, driven.deliver(String.valueOf((char) ('a' + i)).repeat(chunk)));
      }
      HttpResponse response = assertInstanceOf(HttpResponse.class,
          driven.reportsAfterQueuedTasks().get(0));
      assertEquals(chunk * chunks, response.body().size());
      for (int i = 0; i < chunks; i++) {
        assertEquals(ByteString.encodeUtf8(String.valueOf((char) ('a' + i)).repeat(chunk)),
            response.body().substring(i * chunk, (i + 1) * chunk), "piece " + i);
      }
      assertEquals(ByteString.class, response.body().getClass(),
          "a body of announced length is one array, not the read segments");
    }
  }

  @Test
  void largeChunkedBufferedBodyKeepsTheSegmentsItWasReadInto() throws Exception {
    int chunk = 64 * 1024;
    int chunks = 16;
    try (InMemoryExchanges large = new InMemoryExchanges(1024, 2L * chunk * chunks)) {
      InMemoryExchanges.Driven driven = large.start(GET);
      assertTrue(driven.deliver("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
      String piece = "a".repeat(chunk);
      for (int i = 0; i < chunks; i++) {
        assertTrue(driven.deliver(Integer.toHexString(chunk) + "\r\n" + piece + "\r\n"));
      }
      assertFalse(driven.deliver("0\r\n\r\n"));
      HttpResponse response = assertInstanceOf(HttpResponse.class,
          driven.reportsAfterQueuedTasks().get(0));
      assertEquals(chunk * chunks, response.body().size());
      assertEquals(-1, response.body().indexOf(ByteString.encodeUtf8("b")));
      assertNotEquals(ByteString.class, response.body().getClass(),
          "a body of unknown length shares the segments it was read into");
    }
  }

  @Test
  void interimContinueKeepsWaitingForTheFinalHead() throws Exception {
    InMemoryExchanges.Driven driven = EXCHANGES.start(GET);
    assertTrue(driven.deliver("HTTP/1.1 100 Continue\r\n\r\n"));
    assertEquals(Phase.HEADERS, driven.phase());
    assertTrue(driven.reportsAfterQueuedTasks().isEmpty());
    assertFalse(driven.deliver("HTTP/1.1 204 No Content\r\n\r\n"));

    List<Object> reports = driven.reportsAfterQueuedTasks();
    assertEquals(204, assertInstanceOf(HttpResponse.class, reports.get(0)).code());
    assertEquals(1, reports.size());
  }

  @Test
  void endOfInputInTheBodyFailsOnceInPhaseBody() throws Exception {
    InMemoryExchanges.Driven driven = EXCHANGES.start(GET);
    assertTrue(driven.deliver("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    driven.end();
    assertFalse(driven.isActive());

    List<Object> reports = driven.reportsAfterQueuedTasks();
    assertEquals(1, reports.size());
    HttpClientException error = assertInstanceOf(HttpClientException.class, reports.get(0));
    assertEquals(Phase.BODY, error.phase());
  }

  @Test
  void theFirstFailureWinsAndLaterBytesAreIgnored() throws Exception {
    InMemoryExchanges.Driven driven = EXCHANGES.start(GET);
    IOException first = new IOException("first");
    driven.fail(first);
    driven.fail(new IOException("second"));
    assertFalse(driven.deliver("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));

    List<Object> reports = driven.reportsAfterQueuedTasks();
    assertEquals(1, reports.size());
    HttpClientException error = assertInstanceOf(HttpClientException.class, reports.get(0));
    assertEquals(Phase.HEADERS, error.phase());
    assertSame(first, error.getCause());
  }
}

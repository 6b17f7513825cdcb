package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.OpenFiles;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact bytes from raw sockets: pipelining, HTTP/1.0, 100-continue, and bad input, each answered
 * or closed as HTTP prescribes, without leaking a descriptor or stopping other clients.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolEndToEndTest {
  private HttpServer server;
  private int fdsBefore;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.builder()
        .maxHeaderBytes(1024)
        .maxBodyBytes(1000)
        .idleTimeout(Duration.ofMillis(500))
        .bodyReadTimeout(Duration.ofMillis(300))
        .testRoutes()
        .build().start();
    assertServesOthers(); // warms up what the JDK opens lazily on first use
    RawConnection.awaitNoConnections(server);
    fdsBefore = OpenFiles.count();
  }

  @AfterEach
  void stop() throws Exception {
    assertServesOthers();
    OpenFiles.awaitAtMost(fdsBefore, Duration.ofSeconds(5));
    server.close();
  }

  private void assertServesOthers() throws Exception {
    try (RawConnection other = new RawConnection(server)) {
      String answer = other.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("hello\n"), answer);
    }
  }

  /** Asserts that {@code answer} has status {@code code} and says the connection closes. */
  private static void assertAnsweredThenClosed(int code, String answer) {
    assertTrue(answer.startsWith("HTTP/1.1 " + code + " ") && answer.contains("Connection: close"),
        answer);
  }

  /** Asserts that {@code answer} holds one response only: the pipelined request went unread. */
  private static void assertOneAnswer(String answer) {
    assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "one answer, then close: " + answer);
  }

  private String exchange(String request) throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      return connection.send(request).readUntilClose();
    }
  }

  @Test
  void pipelinedRequestsInOneWriteAreAnsweredInOrder() throws Exception {
    String answer = exchange("GET /delay/50 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        + "GET /second HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /bytes/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    int delayed = answer.indexOf("delayed 50 ms");
    int echoed = answer.indexOf("POST /echo");
    int second = answer.indexOf("handle second request");
    int last = answer.indexOf("Connection: close");
    assertTrue(delayed > 0 && delayed < echoed && echoed < second && second < last, answer);
    assertEquals(4, answer.split("HTTP/1.1 200 OK").length - 1, answer);
  }

  @Test
  void http10ClientIsAnsweredAndClosedUnlessItAsksForKeepAlive() throws Exception {
    String closed = exchange("GET /hello HTTP/1.0\r\n\r\n");
    assertTrue(closed.contains("Connection: close\r\n") && closed.endsWith("hello\n"), closed);
    String echoed = exchange("POST /echo HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi");
    assertTrue(echoed.endsWith("\r\n\r\nPOST /echo HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi"),
        echoed);
    try (RawConnection connection = new RawConnection(server)) {
      String kept = connection.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
          .readUntil("hello\n", 1);
      assertTrue(kept.contains("Connection: keep-alive\r\n"), kept);
      String again = connection.send("GET /stream/2 HTTP/1.0\r\n\r\n").readUntilClose();
      assertTrue(again.endsWith("chunk 0\nchunk 1\n") && !again.contains("chunked"), again);
    }
  }

  @Test
  void expectContinueGetsInterimAnswerBeforeTheBody() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      String interim = connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
          + "Expect: 100-continue\r\nConnection: close\r\n\r\n").readUntil("\r\n\r\n", 1);
      assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
      String answer = connection.send("body").readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 200 OK") && answer.endsWith("\r\n\r\nbody"), answer);
    }
  }

  @Test
  void expectContinueToAnUnknownPathIsRefusedWithoutTheBody() throws Exception {
    String answer = exchange("POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
        + "Expect: 100-continue\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 404 ") && !answer.contains("100 Continue"), answer);
  }

  @Test
  void expectContinueWithABodyOverTheLimitIs413WithoutTheInterimAnswer() throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
        + "Expect: 100-continue\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 413 ") && !answer.contains("100 Continue"), answer);
  }

  @Test
  void headOfAStreamedRouteSendsTheHeadOnlyAndKeepsTheConnection() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      String head = connection.send("HEAD /stream/3 HTTP/1.1\r\nHost: x\r\n\r\n")
          .readUntil("\r\n\r\n", 1);
      assertTrue(head.startsWith("HTTP/1.1 200 OK") && head.contains("Transfer-Encoding: chunked"),
          head);
      String next = connection.send("GET /status/204 HTTP/1.1\r\nHost: x\r\n"
          + "Connection: close\r\n\r\n").readUntilClose();
      assertTrue(next.startsWith("HTTP/1.1 204 ") && !next.contains("Content-Length"), next);
      assertTrue(next.endsWith("\r\n\r\n"), next);
    }
  }

  @Test
  void headerOverTheLimitIs431AndClosed() throws Exception {
    String answer = exchange("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000)
        + "\r\n\r\n");
    assertAnsweredThenClosed(431, answer);
  }

  @Test
  void requestLineOverTheLimitIsRefused() throws Exception {
    String answer = exchange("GET /" + "a".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 431 ") || answer.startsWith("HTTP/1.1 400 "), answer);
  }

  @Test
  void malformedRequestLineIs400() throws Exception {
    assertTrue(exchange("NOT HTTP AT ALL\r\n\r\n").startsWith("HTTP/1.1 400 "));
  }

  @Test
  void badChunkSizeIs400() throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + "\r\nzz\r\nabc\r\n0\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
  }

  /** Regression: a bare LF ended chunk-size lines and chunk data of a request body. */
  @ParameterizedTest
  @ValueSource(strings = {"3\nabc\r\n0\r\n\r\n", "3\r\nabc\n0\r\n\r\n",
      "3\r\nabc\r\n0\n\r\n", "3\r\nabc\r\n0\r\nA: 1\n\r\n", "3\r\nabc\r\n0\r\n\n"})
  void bareLineFeedInAChunkedBodyIs400AndClosed(String body) throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + "\r\n" + body + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    assertAnsweredThenClosed(400, answer);
    assertOneAnswer(answer);
  }

  @Test
  void transferEncodingWithContentLengthIs400AndClosed() throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + "Content-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    assertAnsweredThenClosed(400, answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Content-Length: 3\r\nContent-Length: 4",
      "Content-Length: 3, 4",
      "Content-Length: -3",
      "Transfer-Encoding: chunked, chunked",
      "Transfer-Encoding: gzip",
      "Transfer-Encoding: chunked, gzip",
      "Transfer-Encoding: ,",
      "Content-Length: 3\r\nTransfer-Encoding: chunked",
      "Transfer-Encoding: chunked x",
      "Transfer-Encoding: chunked;",
      "Transfer-Encoding: chunked;x=1",
      "Transfer-Encoding: gzip, chunked x",
  })
  void smugglingFramingIs400AndClosed(String framing) throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\n" + framing
        + "\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    assertAnsweredThenClosed(400, answer);
    assertOneAnswer(answer);
  }

  /** A well-formed coding Gust lacks is 501, not the 400 of a malformed list. */
  @ParameterizedTest
  @ValueSource(strings = {"gzip, chunked", "x-custom;a=\"b, c\";d=e, chunked"})
  void unknownTransferCodingIs501AndClosed(String codings) throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + codings
        + "\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    assertAnsweredThenClosed(501, answer);
    assertOneAnswer(answer);
  }

  @Test
  void moreHeaderFieldsThanTheLimitIs431AndClosed() throws Exception {
    String answer = exchange("GET /hello HTTP/1.1\r\nHost: x\r\n" + "a:\r\n".repeat(201)
        + "\r\n");
    assertAnsweredThenClosed(431, answer);
  }

  /** Regression: a body over the limit to a route refusing the method got 413, not 405. */
  @Test
  void largeBodyToARouteThatRefusesTheMethodIs405WithAllowUnread() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      String answer = connection.send("PUT /hello HTTP/1.1\r\nHost: x\r\nContent-Length: "
          + Long.MAX_VALUE / 2 + "\r\nExpect: 100-continue\r\n\r\n").readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 405 ") && answer.contains("\r\nAllow: GET, HEAD\r\n")
          && answer.contains("Connection: close") && !answer.contains("100 Continue"), answer);
    }
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"
        + "x".repeat(5000));
    assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
  }

  @Test
  void contentLengthLongerThanTheBodyNeverReachesTheHandler() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort");
      String answer = connection.readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 408 ") && answer.contains("Connection: close"),
          "the body read timeout answers 408 and closes: " + answer);
    }
  }

  @Test
  void contentLengthShorterThanTheBodyMakesTheRestANewBadRequest() throws Exception {
    String answer = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n"
        + "abGARBAGE GARBAGE\r\n\r\n");
    int badRequest = answer.indexOf("HTTP/1.1 400 ");
    assertTrue(answer.startsWith("HTTP/1.1 200 OK") && badRequest > 0, answer);
    assertTrue(answer.substring(0, badRequest).endsWith("\r\n\r\nab"), answer);
  }

  @Test
  void clientThatStopsReadingAResponseIsClosedByTheTimeout() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      connection.send("GET /bytes/100000000 HTTP/1.1\r\nHost: x\r\n\r\n");
      RawConnection.awaitNoConnections(server);
    }
  }
}

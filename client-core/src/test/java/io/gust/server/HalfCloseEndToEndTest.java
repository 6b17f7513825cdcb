package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.LeakCheck;
import io.gust.testing.OpenFiles;
import io.gust.testing.TlsCertificates;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that end their output after a request (a half close, as {@code nc -N} does) and
 * clients that hang up while an asynchronous handler works, from raw sockets.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HalfCloseEndToEndTest {
  private static final long WAIT_SECONDS = 5;

  @RegisterExtension
  final LeakCheck leaks = new LeakCheck();

  private final EventLoop loop = EventLoop.create();
  /** The request the {@code /never} handler got and the stage it returned, once it ran. */
  private final CompletableFuture<Request> neverRequest = new CompletableFuture<>();
  private final CompletableFuture<CompletableFuture<Response>> neverStage =
      new CompletableFuture<>();
  private HttpServer server;

  @BeforeEach
  void start() {
    server = startServer(Duration.ofSeconds(60));
  }

  private HttpServer startServer(Duration idleTimeout) {
    return HttpServer.builder()
        .loop(loop)
        .idleTimeout(idleTimeout)
        .shutdownTimeout(Duration.ofSeconds(30))
        .testRoutes()
        .routeAsync("GET", "/at-once", request ->
            CompletableFuture.completedFuture(Response.ok("at once\n")))
        .routeAsync("GET", "/after-gone", HalfCloseEndToEndTest::answerWhenGone)
        .routeAsync("GET", "/later", HalfCloseEndToEndTest::answerLater)
        .routeAsync("GET", "/never", request -> {
          CompletableFuture<Response> stage = new CompletableFuture<>();
          neverStage.complete(stage);
          neverRequest.complete(request);
          return stage;
        })
        .build().start();
  }

  @AfterEach
  void stop() {
    server.close();
    loop.close();
  }

  /** Answers once the client went away, through a stage the server cannot cancel. */
  private static CompletionStage<Response> answerWhenGone(Request request) {
    return request.clientGone().thenApply(gone -> Response.ok("after gone\n"))
        .minimalCompletionStage();
  }

  /** Answers after 100 ms, through a stage the server cannot cancel. */
  private static CompletionStage<Response> answerLater(Request request) {
    CompletableFuture<Response> answer = new CompletableFuture<>();
    request.loop().schedule(Duration.ofMillis(100), () -> answer.complete(Response.ok("later\n")));
    return answer.minimalCompletionStage();
  }

  private String halfClosedExchange(String requests) throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      return connection.send(requests).shutdownOutput().readUntilClose();
    }
  }

  @Test
  void syncHandlerAnswersAClientThatHalfClosesAfterItsRequest() throws Exception {
    String answer = halfClosedExchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("\r\n\r\nhello\n"),
        answer);
    RawConnection.awaitNoConnections(server);
  }

  @Test
  void asyncHandlerThatAnswersReachesAHalfClosingClient() throws Exception {
    String atOnce = halfClosedExchange("GET /at-once HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(atOnce.startsWith("HTTP/1.1 200 OK\r\n") && atOnce.endsWith("\r\n\r\nat once\n"),
        atOnce);
    String afterGone = halfClosedExchange("GET /after-gone HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(afterGone.startsWith("HTTP/1.1 200 OK\r\n"), afterGone);
    assertTrue(afterGone.contains("Connection: close\r\n"), afterGone);
    assertTrue(afterGone.endsWith("\r\n\r\nafter gone\n"), afterGone);
    RawConnection.awaitNoConnections(server);
  }

  @Test
  void pipelinedRequestsFollowedByEndOfInputAreAllAnsweredInOrderThenClosed() throws Exception {
    String answer = halfClosedExchange("GET /later HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        + "GET /bytes/3 HTTP/1.1\r\nHost: x\r\n\r\n");
    int later = answer.indexOf("later\n");
    int hello = answer.indexOf("hello\n");
    int echo = answer.indexOf("POST /echo");
    int last = answer.lastIndexOf("HTTP/1.1 200 OK");
    assertTrue(later > 0 && later < hello && hello < echo && echo < last, answer);
    assertEquals(4, answer.split("HTTP/1.1 200 OK", -1).length - 1, answer);
    assertTrue(answer.substring(last).contains("Connection: close\r\n"), answer);
    assertTrue(answer.endsWith("\r\n\r\n\u0000\u0001\u0002"), answer);
    RawConnection.awaitNoConnections(server);
  }

  @Test
  void httpsClientThatSendsCloseNotifyAfterItsRequestIsAnswered() throws Exception {
    try (HttpServer https = HttpServer.builder().loop(loop)
        .tls(TlsCertificates.serverOptions(TlsCertificates.SERVER))
        .get("/hello", request -> Response.ok("hello\n"))
        .build().start();
        SSLSocket socket = (SSLSocket) TlsCertificates.clientContext().getSocketFactory()
            .createSocket()) {
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setSoTimeout(10_000);
      socket.connect(new InetSocketAddress(https.address().getAddress(), https.port()), 5000);
      socket.getOutputStream().write(
          "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput(); // TLS 1.3 close_notify, then FIN
      String answer = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n") && answer.endsWith("\r\n\r\nhello\n"),
          answer);
    }
  }

  @Test
  void pipelinedRequestsPastTheHoldBoundWaitForTheSlowOneAndArriveIntact() throws Exception {
    String body = "b".repeat((int) (3 * ServerConnection.HOLD_BYTES));
    try (RawConnection connection = new RawConnection(server)) {
      String answer = connection.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n"
          + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n"
          + body + "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .readUntilClose();
      int later = answer.indexOf("later\n");
      int echoed = answer.indexOf("\r\n\r\n" + body + "HTTP/1.1 200 OK");
      assertTrue(later > 0 && later < echoed, "not in order, or the body was cut");
      assertTrue(answer.endsWith("hello\n"));
    }
  }

  @Test
  void endOfInputDuringAPendingAsyncHandlerTellsItAndStillWritesItsAnswer() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      connection.send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n").shutdownOutput();
      Request request = neverRequest.get(WAIT_SECONDS, TimeUnit.SECONDS);
      request.clientGone().get(WAIT_SECONDS, TimeUnit.SECONDS);
      CompletableFuture<Response> stage = neverStage.get();
      assertFalse(stage.isCancelled(), "a half-closing client's answer was given up");
      stage.complete(Response.ok("late\n"));
      String answer = connection.readUntilClose();
      assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
      assertTrue(answer.contains("Connection: close\r\n"), answer);
      assertTrue(answer.endsWith("\r\n\r\nlate\n"), answer);
    }
    RawConnection.awaitNoConnections(server);
  }

  @Test
  void handlerThatNeverAnswersAClientThatEndedItsInputIsCancelledAfterTheIdleTimeout()
      throws Exception {
    server.close();
    server = startServer(Duration.ofMillis(300));
    int timersBefore = pendingTimers();
    int fdsBefore = OpenFiles.count();
    try (RawConnection connection = new RawConnection(server)) {
      connection.send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
      Request request = neverRequest.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertFalse(request.clientGone().isDone());
      assertEquals(1, server.openConnections());
    }
    Request request = neverRequest.get();
    request.clientGone().get(WAIT_SECONDS, TimeUnit.SECONDS);
    CompletableFuture<Response> stage = neverStage.get();
    assertThrows(CancellationException.class, () -> stage.get(WAIT_SECONDS, TimeUnit.SECONDS));
    RawConnection.awaitNoConnections(server);
    assertEquals(timersBefore, pendingTimers(), "the connection's timer is still pending");
    OpenFiles.awaitAtMost(fdsBefore, Duration.ofSeconds(WAIT_SECONDS));
  }

  @Test
  void resetDuringAPendingAsyncHandlerCancelsItWithoutWaitingForTheIdleTimeout()
      throws Exception {
    // The idle timeout is 60 s here, so a cancellation within WAIT_SECONDS came from the reset.
    try (Socket socket = new Socket(server.address().getAddress(), server.port())) {
      socket.getOutputStream().write(
          "GET /never HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      neverRequest.get(WAIT_SECONDS, TimeUnit.SECONDS);
      socket.setSoLinger(true, 0); // close() now sends a reset
    }
    neverRequest.get().clientGone().get(WAIT_SECONDS, TimeUnit.SECONDS);
    CompletableFuture<Response> stage = neverStage.get();
    assertThrows(CancellationException.class, () -> stage.get(WAIT_SECONDS, TimeUnit.SECONDS));
    RawConnection.awaitNoConnections(server);
  }

  @Test
  void closeDoesNotWaitForAHandlerWhoseClientHungUp() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      connection.send("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
      neverRequest.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
    closed.get(WAIT_SECONDS, TimeUnit.SECONDS); // the shutdown timeout is 30 s
    assertTrue(neverRequest.get().clientGone().isDone());
    assertTrue(neverStage.get().isCancelled());
    assertEquals(0, server.openConnections());
  }

  /** Timers pending on the server's loop, read on the loop so the figure is exact. */
  private int pendingTimers() throws Exception {
    CompletableFuture<Integer> count = new CompletableFuture<>();
    loop.execute(() -> count.complete(loop.stats().pendingTimers()));
    return count.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}

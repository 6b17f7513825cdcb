package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Eventually;
import io.gust.testing.ManualLoop;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that hold a connection on purpose: silent connections, slow heads, stalled bodies, and
 * bodies sent on after an error answer. The server runs on a loop whose clock the test moves, so
 * every deadline is met or missed by exactly as much as the test says, without waiting.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileClientEndToEndTest {
  private static final long HUNDRED_MIB = 100L * 1024 * 1024;

  private final ManualLoop manual = new ManualLoop();
  private HttpServer server;

  @BeforeEach
  void start() {
    server = HttpServer.builder().loop(manual.loop).testRoutes().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
    manual.close();
  }

  /** Regression: after an error answer the connection stayed open for the idle timeout. */
  @Test
  void errorAnswerClosesOnceTheLingerEndsNotAtTheIdleTimeout() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      String head = connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
          + HUNDRED_MIB + "\r\n\r\n").readUntil("\r\n\r\n", 1);
      assertTrue(head.startsWith("HTTP/1.1 413 ") && head.contains("Connection: close"), head);
      manual.pass();
      manual.advance(Linger.DURATION.minusMillis(1));
      assertEquals(1, server.openConnections(), "closed before the linger ended");
      manual.advance(Duration.ofMillis(1));
      assertTrue(connection.readUntilClose().endsWith("\n"), "the rest of the answer, then close");
    }
  }

  /** Regression: a 100 MiB body sent after a 413 was read to its end. */
  @Test
  void bodySentOnAfterAnErrorAnswerIsCutOffAfterBoundedBytes() throws Exception {
    try (Socket socket = new Socket()) {
      socket.setSendBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + HUNDRED_MIB + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> sendUntilRefused(out));
      ExecutionException refused = assertThrows(
          ExecutionException.class, () -> sent.get(30, TimeUnit.SECONDS),
          "the server read the whole body it had refused");
      BoundedSend cut = assertInstanceOf(BoundedSend.class, refused.getCause());
      // What the client wrote is what the server read plus what the kernels buffered.
      assertTrue(cut.bytes < 32L * 1024 * 1024, "the server took " + cut.bytes + " bytes");
    }
  }

  /** Writes the announced body; throws how far it got once the server stops taking it. */
  private static long sendUntilRefused(OutputStream out) {
    byte[] chunk = new byte[64 * 1024];
    long written = 0;
    try {
      while (written < HUNDRED_MIB) {
        out.write(chunk);
        written += chunk.length;
      }
      return written;
    } catch (IOException e) {
      throw new BoundedSend(written);
    }
  }

  /** The client's writes failed after {@link #bytes}. */
  private static final class BoundedSend extends RuntimeException {
    final long bytes;

    BoundedSend(long bytes) {
      super("refused after " + bytes + " bytes", null, false, false);
      this.bytes = bytes;
    }
  }

  /** Regression: a head sent a few bytes at a time, each within the read timeout, never ended. */
  @Test
  void headTricklingInIsAnswered408AtTheHeadDeadline() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      for (int i = 0; i < 3; i++) { // 57 s in, never 30 s without a byte
        sendThenWait(connection, i == 0 ? "GET /hello HTTP/1.1\r\n" : "X-Slow: y\r\n", 19);
      }
      sendThenWait(connection, "X-Slow: y\r\n", 2);
      assertEquals(1, server.openConnections(), "closed before the head deadline");
      manual.advance(Duration.ofSeconds(1));
      assertAnswered408AndClosed(connection);
    }
  }

  @Test
  void headDeadlineIsConfigurable() throws Exception {
    restart(HttpServer.builder().headTimeout(Duration.ofSeconds(5)));
    try (RawConnection connection = new RawConnection(server)) {
      sendThenWait(connection, "GET /hello HTTP/1.1\r\n", 4);
      sendThenWait(connection, "Host: x\r\n", 1);
      assertAnswered408AndClosed(connection);
    }
  }

  /** Regression: a stalled body closed the connection without the 408 that still fit. */
  @Test
  void bodyThatStopsProgressingForTheReadTimeoutIsAnswered408() throws Exception {
    try (RawConnection connection = new RawConnection(server)) {
      sendThenWait(connection, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc",
          29);
      sendThenWait(connection, "d", 29);
      assertEquals(1, server.openConnections(), "progress must keep the body going");
      manual.advance(Duration.ofSeconds(1));
      assertAnswered408AndClosed(connection);
    }
  }

  @Test
  void halfAHeadThenSilenceIsAnswered408AtTheReadTimeout() throws Exception {
    restart(HttpServer.builder().bodyReadTimeout(Duration.ofSeconds(30)));
    try (RawConnection connection = new RawConnection(server)) {
      connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n");
      manual.pass();
      manual.advance(Duration.ofSeconds(30).minusMillis(1));
      assertTrue(connection.hasNothingToRead(), "answered before the read timeout");
      manual.advance(Duration.ofMillis(1));
      assertAnswered408AndClosed(connection);
    }
  }

  @Test
  void thousandSilentConnectionsAreClosedAtTheIdleTimeoutWhileOthersAreServed()
      throws Exception {
    Duration idle = Duration.ofSeconds(60);
    restart(HttpServer.builder().idleTimeout(idle));
    List<RawConnection> silent = new ArrayList<>();
    try {
      for (int i = 0; i < 1000; i++) {
        silent.add(new RawConnection(server));
      }
      Eventually.assertThat(Duration.ofSeconds(10),
          () -> "accepted " + server.openConnections() + " of 1000",
          () -> server.openConnections() == 1000);
      manual.advance(idle.minusMillis(1));
      assertEquals(1000, server.openConnections(), "closed before the idle timeout");
      try (RawConnection other = new RawConnection(server)) {
        String answer = other.send(
            "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClose();
        assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
      }
      manual.advance(Duration.ofMillis(1));
      for (RawConnection connection : silent) {
        assertEquals("", connection.readUntilClose());
      }
    } finally {
      for (RawConnection connection : silent) {
        connection.close();
      }
    }
    RawConnection.awaitNoConnections(server);
  }

  /** Replaces the server with one built by {@code builder}, on the test's loop. */
  private void restart(HttpServer.Builder builder) {
    server.close();
    server = builder.loop(manual.loop).testRoutes().build().start();
  }

  /** Sends {@code text}, lets the server read it, then moves the clock {@code seconds} on. */
  private void sendThenWait(RawConnection connection, String text, long seconds)
      throws Exception {
    connection.send(text);
    manual.pass();
    manual.advance(Duration.ofSeconds(seconds));
  }

  private void assertAnswered408AndClosed(RawConnection connection) throws Exception {
    String head = connection.readUntil("\r\n\r\n", 1);
    assertTrue(head.startsWith("HTTP/1.1 408 ") && head.contains("Connection: close"), head);
    manual.pass();
    manual.advance(Linger.DURATION);
    connection.readUntilClose();
    manual.pass();
    assertEquals(0, server.openConnections());
  }
}

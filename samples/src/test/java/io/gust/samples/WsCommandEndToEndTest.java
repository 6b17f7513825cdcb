package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.WebSocketOptions;
import io.gust.server.HttpServer;
import io.gust.testing.LeakCheck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code ws} command against the companion server, in-process: output and exit codes. */
@Timeout(60)
class WsCommandEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final HttpServer server = HttpServer.builder().testRoutes()
      .websocket("/bye", session -> session.close(4000, "bye"))
      .websocket("/only-chat", WebSocketOptions.builder().build(), session -> session.receive()
          .thenAccept(message -> session.sendText("got " + message.text())))
      .build().start();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    server.close();
  }

  private int ws(String stdin, String... args) {
    return WsCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String url(String path) {
    return "ws://127.0.0.1:" + server.port() + path;
  }

  @Test
  void linesAreSentAndEchoesPrintedThenTheEndOfInputClosesCleanly() {
    // The input ends once the last echo was printed: a close that overtakes the last message's
    // echo lets the server answer the close first, which is allowed (RFC 6455 §5.5.1).
    CountDownLatch lastEcho = new CountDownLatch(1);
    ByteArrayOutputStream printed = new ByteArrayOutputStream() {
      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        super.write(bytes, offset, length);
        check();
      }

      @Override
      public synchronized void write(int b) {
        super.write(b);
        check();
      }

      private void check() {
        if (toString(StandardCharsets.UTF_8).endsWith("three\n")) {
          lastEcho.countDown();
        }
      }
    };
    InputStream lines = new SequenceInputStream(
        new ByteArrayInputStream("one\ntwo κόσμε\nthree\n".getBytes(StandardCharsets.UTF_8)),
        new InputStream() {
          @Override
          public int read() throws IOException {
            try {
              lastEcho.await(20, TimeUnit.SECONDS); // without it the output check below fails
            } catch (InterruptedException e) {
              throw new InterruptedIOException();
            }
            return -1;
          }
        });
    int exit = WsCommand.run(new String[] {url("/ws/echo")}, lines, printed,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, exit, err.toString());
    assertEquals("one\ntwo κόσμε\nthree\n", printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void serverCloseEndsTheCommandWithZeroAndSaysTheCode() {
    assertEquals(0, ws("", "--no-compression", url("/bye")));
    assertTrue(err.toString().contains("closed 4000 bye"), err.toString());
  }

  @Test
  void upgradeRefusedExitsWith22() {
    assertEquals(WsCommand.HANDSHAKE_REFUSED, ws("", url("/get")));
  }

  @Test
  void connectionRefusedExitsWith7() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertEquals(CurlError.COULD_NOT_CONNECT, ws("", "ws://127.0.0.1:" + port + "/"));
  }

  @Test
  void badUsageExitsWith2AndHelpWith0() {
    assertEquals(CurlError.USAGE, ws("", "--nope", url("/ws/echo")));
    assertEquals(CurlError.USAGE, ws(""));
    assertEquals(0, ws("", "--help"));
    assertTrue(err.toString().contains("usage: ws"));
  }
}

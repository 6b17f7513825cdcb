package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.WebSocketOptions;
import io.gust.server.HttpServer;
import io.gust.testing.LeakCheck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
    assertEquals(0, ws("one\ntwo κόσμε\nthree\n", url("/ws/echo")), err.toString());
    assertEquals("one\ntwo κόσμε\nthree\n", out.toString(StandardCharsets.UTF_8));
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

package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handler that gives a 204 or 304 a body, fixed or streamed, over HTTP/1.1: the server sends
 * the head alone, with no framing field, so the next answer on the connection is intact.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BodilessStatusEndToEndTest {
  private final EventLoop loop = EventLoop.create();
  private final AtomicBoolean streamStarted = new AtomicBoolean();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void bodiesGivenTo204And304AreLeftOutAndTheConnectionStaysInStep() throws Exception {
    try (HttpServer server = HttpServer.builder().loop(loop)
        .get("/streamed204", request -> Response.streaming(204, writer -> {
          streamStarted.set(true);
          writer.write(ByteString.encodeUtf8("stray")).thenRun(writer::close);
        }))
        .get("/fixed304", request -> Response.of(304, "stray too\n"))
        .get("/known204", request -> Response.streaming(204, 5, writer -> {
          streamStarted.set(true);
          writer.write(ByteString.encodeUtf8("stray")).thenRun(writer::close);
        }))
        .get("/hello", request -> Response.ok("hello\n"))
        .build().start();
        RawConnection raw = new RawConnection(server)) {
      String answer = raw.send("GET /streamed204 HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /fixed304 HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /known204 HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClose();
      String[] heads = answer.split("\r\n\r\n", -1);
      assertEquals(5, heads.length, answer);
      assertTrue(heads[0].startsWith("HTTP/1.1 204 "), answer);
      assertTrue(heads[1].startsWith("HTTP/1.1 304 "), answer);
      assertTrue(heads[2].startsWith("HTTP/1.1 204 "), answer);
      assertTrue(heads[3].startsWith("HTTP/1.1 200 "), answer);
      assertEquals("hello\n", heads[4], answer);
      for (int i = 0; i < 3; i++) {
        assertFalse(heads[i].contains("Transfer-Encoding") || heads[i].contains("Content-Length")
            || heads[i].contains("Connection: close"), heads[i]);
      }
      assertFalse(streamStarted.get(), "a bodiless answer's stream was started");
    }
  }
}

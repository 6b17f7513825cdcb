package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DemoEndToEndTest {
  @Test
  void demoPrintsItsTableAndExitsZero() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Demo.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, out);
    assertTrue(out.contains("waited behind /first: it blocked the server's loop"), out);
    assertTrue(out.contains("answered at once: /first-offloaded"), out);
    assertTrue(out.contains("fetch(url).thenApply(bodyString) -> get"), out);
    assertTrue(out.contains("onResponse: 200 hello"), out);
    assertTrue(out.contains("3 fetches"), out);
    assertEquals(3, out.split("asCompleted ", -1).length - 1, out);
    assertTrue(out.contains("What the metrics saw (Micrometer, SimpleMeterRegistry;"), out);
    assertTrue(out.matches("(?s).*gust\\.loop\\.blocked\\{loop=[^}]+\\} +[1-9][0-9]*\\R.*"), out);
    assertTrue(out.matches("(?s).*gust\\.loop\\.lag\\.max\\{loop=.*"), out);
    assertTrue(out.contains("http.client.requests{exception=none,method=GET,outcome=SUCCESS,"
        + "status=200,uri=/delay/{millis}}"), out);
  }
}

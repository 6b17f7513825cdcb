package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.loop.EventLoop;
import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The companion server's {@code /ws/echo} against Node's {@code ws} client (Debian's node-ws), a
 * second independent implementation beside python3-websockets: permessage-deflate, text, 64 KiB
 * binary, a ping and a clean close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeWsClientEndToEndTest {
  /** Where Debian's node-ws installs the module. */
  private static final Path MODULES = Path.of("/usr/share/nodejs");

  @RegisterExtension
  final LeakCheck leaks = new LeakCheck();

  private final EventLoop loop = EventLoop.create();
  private final HttpServer server = HttpServer.builder().loop(loop).testRoutes().build().start();

  @AfterEach
  void stop() {
    server.close();
    loop.close();
  }

  @Test
  void nodeWsClientGetsEveryMessageEchoedWithDeflate() throws Exception {
    Path node = ExternalTools.require("node");
    ExternalTools.requirePresent(Files.exists(MODULES.resolve("ws/index.js")), "node-ws");
    Path script = Files.createTempFile("gust-ws-", ".js");
    try (InputStream source = getClass().getResourceAsStream("ws_echo_client.js")) {
      Files.write(script, source.readAllBytes());
    }
    ProcessBuilder command = new ProcessBuilder(node.toString(), script.toString(),
        server.url("/ws/echo").toString().replaceFirst("^http", "ws"))
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    command.environment().put("NODE_PATH", MODULES.toString());
    Process client = command.start();
    try {
      String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, client.waitFor(), "the node client failed");
      assertEquals("ok 3\n", out);
    } finally {
      client.destroyForcibly();
      Files.deleteIfExists(script);
    }
  }
}

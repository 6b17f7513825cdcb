package io.gust.client;

import io.gust.testing.ExternalTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An independent WebSocket echo server in another process, on 127.0.0.1 and an ephemeral port:
 * Tornado's, python3-websockets' or Node's ws, started from the scripts beside this class. A
 * missing one skips the test, or fails it under {@code CI=true}.
 */
final class RealWebSocketServer implements AutoCloseable {
  /** Which implementation, and how to start it. */
  enum Kind {
    TORNADO("tornado_ws_server.py", "tornado", "python3-tornado"),
    WEBSOCKETS("websockets_server.py", "websockets", "python3-websockets"),
    NODE_WS("ws_server.js", null, "node-ws");

    final String script;
    /** The python module to import, or null for the Node server. */
    final String module;
    final String debianPackage;

    Kind(String script, String module, String debianPackage) {
      this.script = script;
      this.module = module;
      this.debianPackage = debianPackage;
    }

    /** True when the server can send a message in fragments on request. */
    boolean fragments() {
      return this != TORNADO;
    }
  }

  private final Process process;
  private final Path script;
  final int port;

  private RealWebSocketServer(Process process, Path script, int port) {
    this.process = process;
    this.script = script;
    this.port = port;
  }

  /** Starts {@code kind} with compression {@code deflate} and waits up to 20 s for its port. */
  static RealWebSocketServer start(Kind kind, boolean deflate) throws Exception {
    Path script = Files.createTempFile("gust-ws-", kind.module == null ? ".js" : ".py");
    try (InputStream source = RealWebSocketServer.class.getResourceAsStream(kind.script)) {
      Files.write(script, source.readAllBytes());
    }
    ProcessBuilder command;
    if (kind.module == null) {
      Path node = ExternalTools.require("node");
      ExternalTools.requirePresent(Files.exists(Path.of("/usr/share/nodejs/ws/index.js")), kind.debianPackage);
      command = new ProcessBuilder(node.toString(), script.toString(), deflate ? "deflate" : "none");
      command.environment().put("NODE_PATH", "/usr/share/nodejs");
    } else {
      Path python = Path.of("/usr/bin/python3");
      ExternalTools.requirePresent(imports(python, kind.module), kind.debianPackage);
      command = new ProcessBuilder(python.toString(), script.toString(), deflate ? "deflate" : "none");
    }
    Process process = command.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      String port = line.get(20, TimeUnit.SECONDS);
      return new RealWebSocketServer(process, script, Integer.parseInt(port.trim()));
    } catch (Exception e) {
      process.destroyForcibly();
      Files.deleteIfExists(script);
      throw e;
    }
  }

  private static boolean imports(Path python, String module) throws IOException, InterruptedException {
    if (!Files.isExecutable(python)) {
      return false;
    }
    Process check = new ProcessBuilder(python.toString(), "-c", "import " + module)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return check.waitFor(20, TimeUnit.SECONDS) && check.exitValue() == 0;
  }

  /** The ws URL of the echo route. */
  String url() {
    return "ws://127.0.0.1:" + port + "/echo";
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(script);
  }
}

package io.gust.websocket;

import io.gust.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the python3-websockets scripts beside this class (the independent peer of the codec's
 * interoperability tests and of the companion server's WebSocket routes). A python3 that can import websockets comes first from Debian's
 * /usr/bin/python3, as one earlier in PATH may lack the module; without one the calling test is
 * skipped, or fails under {@code CI=true}.
 */
public final class PythonWebSockets {
  private PythonWebSockets() {}

  /** Starts {@code script} (a resource beside this class) with {@code args}; stderr is inherited. */
  public static Process start(String script, String... args) throws IOException {
    Path python = python();
    Path file = Files.createTempFile("gust-ws-", ".py");
    file.toFile().deleteOnExit();
    try (InputStream source = PythonWebSockets.class.getResourceAsStream(script)) {
      Files.write(file, source.readAllBytes());
    }
    List<String> command = new ArrayList<>(List.of(python.toString(), file.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Waits up to 20 seconds for {@code process} to exit, then kills it; returns its exit code. */
  public static int awaitExit(Process process) {
    try {
      if (process.waitFor(20, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    return -1;
  }

  private static Path python() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/python3")));
    Path inPath = ExternalTools.find("python3");
    if (inPath != null) {
      candidates.add(inPath);
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate) && importsWebsockets(candidate)) {
        return candidate;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("python3-websockets is required on CI (.ci/run installs it)");
    }
    Assumptions.abort("python3-websockets is not installed; skipping the WebSocket interoperability tests");
    return null;
  }

  private static boolean importsWebsockets(Path python) {
    try {
      Process check = new ProcessBuilder(python.toString(), "-c", "import websockets")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return awaitExit(check) == 0;
    } catch (IOException e) {
      return false;
    }
  }
}

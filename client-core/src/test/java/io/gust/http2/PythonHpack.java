package io.gust.http2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the scripts beside this class with a Python 3 that has Debian's python3-hpack, an HPACK
 * implementation independent of Gust's. A missing module skips the test, except under {@code
 * CI=true}, where {@code .ci/run} installs it and its absence fails the test.
 */
final class PythonHpack {
  private static final List<String> INTERPRETERS = List.of("/usr/bin/python3", "python3");

  private final String python;

  private PythonHpack(String python) {
    this.python = python;
  }

  /** Returns a runner, or skips the calling test when no python3 can import hpack. */
  static PythonHpack require() throws IOException, InterruptedException {
    for (String candidate : INTERPRETERS) {
      if (canImportHpack(candidate)) {
        return new PythonHpack(candidate);
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("python3-hpack is required on CI (.ci/run installs it)");
    }
    Assumptions.assumeTrue(false,
        "python3 with the hpack module (Debian: python3-hpack) is not installed; skipping");
    return null;
  }

  private static boolean canImportHpack(String interpreter) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(interpreter, "-c", "import hpack")
          .redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code script} with {@code input} on stdin; returns stdout, failing on a non-zero exit. */
  String run(String script, String input) throws IOException, InterruptedException {
    Path path;
    try {
      path = Path.of(PythonHpack.class.getResource(script).toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    Path errors = Files.createTempFile("gust-hpack", ".err");
    try {
      Process process = new ProcessBuilder(python, path.toString())
          .redirectError(errors.toFile()).start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(script + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(script + " failed: " + Files.readString(errors));
      }
      return output;
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}

package io.gust.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real httpbin (Debian's python3-httpbin) under gunicorn (python3-gunicorn), listening on an
 * ephemeral 127.0.0.1 port that gunicorn picks and logs. Skips the test when either package is
 * missing, except under {@code CI=true}, where it fails. {@link #close()} stops the process.
 */
public final class Httpbin implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:(\\d+)");
  /** Debian's interpreter: a python3 earlier in PATH (pyenv) lacks Debian's packages. */
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private final Process process;
  private final int port;

  private Httpbin(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts httpbin with one sync worker; blocks until it listens (at most 30 s). */
  public static Httpbin start() throws Exception {
    requirePackages();
    Process process = new ProcessBuilder(PYTHON.toString(), "-m", "gunicorn", "--workers", "1",
        "--bind", "127.0.0.1:0", "--graceful-timeout", "2", "httpbin:app")
        .redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread drain = new Thread(() -> drain(process, port), "httpbin-log");
    drain.setDaemon(true);
    drain.start();
    try {
      return new Httpbin(process, port.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static void requirePackages() throws Exception {
    boolean present = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c",
        "import httpbin, gunicorn").redirectErrorStream(true).redirectOutput(
            ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    ExternalTools.requirePresent(present, "python3-httpbin with python3-gunicorn");
  }

  /** Reads gunicorn's log so its pipe never fills; completes {@code port} when it listens. */
  private static void drain(Process process, CompletableFuture<Integer> port) {
    try (BufferedReader log = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = log.readLine()) != null; ) {
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          port.complete(Integer.parseInt(listening.group(1)));
        }
      }
      port.completeExceptionally(new IOException("gunicorn exited before listening"));
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
  }

  /** Returns {@code http://127.0.0.1:PORT} plus {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Override
  public void close() throws InterruptedException {
    LoopbackPorts.stop(process);
  }
}

package io.gust.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real server started by a test: its process, the directory it writes its logs to, and the
 * 127.0.0.1 port it listens on. {@link #start} returns once the port accepts connections (or
 * fails with the logs); {@link #close()} kills the process and waits, with a bound.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;
  private final List<String> logNames;

  private ServerProcess(Process process, Path dir, int port, List<String> logNames) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.logNames = logNames;
  }

  /**
   * Runs {@code command} with its output in {@code dir}/stdout.log; {@code logNames} are the
   * files in {@code dir} shown when it fails to listen on {@code port} within 20 seconds.
   */
  static ServerProcess start(List<String> command, Path dir, int port, String name,
      String... logNames) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    List<String> logs = new java.util.ArrayList<>(List.of("stdout.log"));
    logs.addAll(List.of(logNames));
    ServerProcess server = new ServerProcess(process, dir, port, logs);
    try {
      LoopbackPorts.awaitListening(process, port, 20, name, server::logs);
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  int port() {
    return port;
  }

  /** What the server wrote to its log files so far. */
  String logs() throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : logNames) {
      Path log = dir.resolve(name);
      if (Files.exists(log)) {
        out.append(Files.readString(log));
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    LoopbackPorts.stopQuietly(process);
  }
}

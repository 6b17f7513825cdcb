package io.gust.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one run of an external program (curl, nghttp, h2load, a child JVM) printed, and its exit
 * code. {@link #run} blocks until the program exits, with its output kept in files, so a chatty
 * program never fills a pipe; finding the program, and skipping without it, is the caller's
 * business ({@link ExternalTools}).
 */
public record ToolRun(int exit, byte[] stdout, String stderr) {
  /** Standard output as UTF-8. */
  public String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Runs {@code command} as {@link #run(Path, Duration, ProcessBuilder)} does. */
  public static ToolRun run(Path dir, Duration limit, List<String> command)
      throws IOException, InterruptedException {
    return run(dir, limit, new ProcessBuilder(command));
  }

  /**
   * Blocks until {@code program} exits, its stdout and stderr kept in the files {@code stdout}
   * and {@code stderr} of {@code dir} (stderr stays empty when {@code program} merges it into
   * stdout); fails the test, and kills the program, when it runs past {@code limit}.
   */
  public static ToolRun run(Path dir, Duration limit, ProcessBuilder program)
      throws IOException, InterruptedException {
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process process = program.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError(program.command().get(0) + " did not finish within " + limit);
    }
    return new ToolRun(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
  }
}

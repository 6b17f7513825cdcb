package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real curl for interoperability tests; find it first with {@link ExternalTools}. */
public final class Curl {
  private Curl() {}

  /** What one curl run printed, and its exit code. */
  public record Run(int exit, byte[] stdout, String stderr) {
    /** Standard output as UTF-8. */
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code curl -sS --max-time 20 ARGS}, its output kept in files under {@code dir}. */
  public static Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
    return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
  }
}

package io.gust.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the real curl for interoperability tests; find it first with {@link ExternalTools}. */
public final class Curl {
  private Curl() {}

  /** Runs {@code curl -sS --max-time 20 ARGS}, its output kept in files under {@code dir}. */
  public static ToolRun run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    command.addAll(List.of(args));
    return ToolRun.run(dir, Duration.ofSeconds(30), command);
  }
}

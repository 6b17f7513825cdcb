package io.gust.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The training run of the build's class data sharing archive ({@code gust train-startup} under
 * {@code GUST_CDS=train}, which the launcher turns into {@code -XX:ArchiveClassesAtExit}): the
 * work of a short {@code gust fetch}, so that the archive holds the classes a fetch loads.
 * Starts the companion server in-process and fetches from it as a user would (plain, with the
 * head, through a redirect), discarding the output; nothing leaves the machine.
 */
final class StartupTraining {
  private StartupTraining() {}

  /** Runs the fetches; returns 0, or the first fetch's exit code that was not 0. */
  static int run() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Companion companion = Companion.from(new String[0])) {
      String[][] fetches = {
          {"-s", companion.url("/get")},
          {"-s", "-i", "-L", "-w", "%{http_code}", companion.url("/redirect/1")},
          {"-s", "--compressed", companion.url("/gzip")}};
      for (String[] args : fetches) {
        int code = FetchCommand.run(args, sink, errors);
        if (code != 0) {
          return code;
        }
      }
    }
    CommandHelp.text("fetch");
    CommandHelp.version();
    return 0;
  }
}

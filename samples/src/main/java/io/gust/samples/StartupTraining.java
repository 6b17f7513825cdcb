package io.gust.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of the build's class data sharing archive ({@code gust train-startup} under
 * {@code GUST_CDS=train}, which the launcher turns into {@code -XX:ArchiveClassesAtExit}): the
 * work of short {@code gust fetch}es, so that the archive holds the classes a fetch loads.
 * Starts the companion server in-process, plain and with a self-signed certificate, and fetches
 * from both as a user would (plain, with the head, through a redirect, decompressing, over
 * TLS), discarding the output; nothing leaves the machine.
 */
final class StartupTraining {
  private StartupTraining() {}

  /** Runs the fetches; returns 0, or the first exit code that was not 0. */
  static int run() throws IOException {
    OutputStream sink = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Path cert = Files.createTempFile("gust-training", ".pem");
    try (ServeCommand.Running plain = ServeCommand.start(new String[] {"--port", "0"});
        ServeCommand.Running tls = ServeCommand.start(new String[] {"--port", "0", "--tls",
            "--cert-out", cert.toString()})) {
      String[][] fetches = {
          {"-s", plain.server().url("/get").toString()},
          {"-s", "-i", "-L", "-w", "%{http_code}", plain.server().url("/redirect/1").toString()},
          {"-s", "--compressed", plain.server().url("/gzip").toString()},
          {"-s", "--cacert", cert.toString(), tls.server().url("/get").toString()}};
      for (String[] args : fetches) {
        int code = FetchCommand.run(args, sink, errors);
        if (code != 0) {
          return code;
        }
      }
    } finally {
      Files.deleteIfExists(cert);
    }
    CommandHelp.text("fetch");
    CommandHelp.version();
    return 0;
  }
}

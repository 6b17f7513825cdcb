package io.gust.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/**
 * A real nghttpd (nghttp2's HTTP/2 server) for interoperability tests, on a free 127.0.0.1 port,
 * serving files from {@code www} under its directory: h2c by prior knowledge, or h2 over TLS with
 * a test certificate; extra options set stream limits, windows, padding and trailers. Its output
 * goes to a log file in its directory; {@link #close()} kills it.
 */
public final class Nghttpd implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private Nghttpd(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts nghttpd in {@code dir}: TLS with {@code certificate}, or h2c when it is null. */
  public static Nghttpd start(Path dir, HeldCertificate certificate, String... options)
      throws Exception {
    Path binary = ExternalTools.require("nghttpd");
    Files.createDirectories(dir.resolve("www"));
    int port = LoopbackPorts.free();
    List<String> command = new ArrayList<>(List.of(binary.toString(), "-a", "127.0.0.1",
        "-d", dir.resolve("www").toString()));
    command.addAll(List.of(options));
    if (certificate == null) {
      command.add("--no-tls");
      command.add(Integer.toString(port));
    } else {
      command.add(Integer.toString(port));
      command.add(TlsCertificates.writeKeyPem(certificate, dir.resolve("key.pem")).toString());
      command.add(TlsCertificates.writePem(certificate, dir.resolve("cert.pem")).toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("nghttpd.log").toFile()).start();
    Nghttpd nghttpd = new Nghttpd(process, dir, port);
    try {
      LoopbackPorts.awaitListening(process, port, 10, "nghttpd", nghttpd::logs);
    } catch (RuntimeException | Error e) {
      nghttpd.close();
      throw e;
    }
    return nghttpd;
  }

  private String logs() throws IOException {
    Path log = dir.resolve("nghttpd.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  public int port() {
    return port;
  }

  /** Where nghttpd serves files from. */
  public Path www() {
    return dir.resolve("www");
  }

  /** Kills nghttpd and waits, with a bound, for it to exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}

package io.gust.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/**
 * A real h2o (Debian's h2o package) for HTTP/2 interoperability tests: one process serving files
 * from {@code www} under its directory over TLS (h2 and http/1.1 by ALPN) on a free 127.0.0.1
 * port, with a test certificate. Its logs stay in its directory; {@link #close()} kills it.
 */
public final class H2o implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private H2o(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts h2o in {@code dir} presenting {@code certificate}; waits until it listens. */
  public static H2o start(Path dir, HeldCertificate certificate) throws Exception {
    Path binary = ExternalTools.require("h2o");
    Files.createDirectories(dir.resolve("www"));
    Path cert = TlsCertificates.writePem(certificate, dir.resolve("cert.pem"));
    Path key = TlsCertificates.writeKeyPem(certificate, dir.resolve("key.pem"));
    int port = LoopbackPorts.free();
    String config = "error-log: " + dir.resolve("error.log") + "\n"
        + "user: nobody\n"
        + "num-threads: 1\n"
        + "listen:\n  host: 127.0.0.1\n  port: " + port + "\n"
        + "  ssl:\n    certificate-file: " + cert + "\n    key-file: " + key + "\n"
        + "hosts:\n  default:\n    paths:\n      /:\n        file.dir: " + dir.resolve("www")
        + "\n";
    Path file = Files.writeString(dir.resolve("h2o.conf"), config);
    dir.toFile().setExecutable(true, false);
    Process process = new ProcessBuilder(binary.toString(), "-c", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    H2o h2o = new H2o(process, dir, port);
    try {
      LoopbackPorts.awaitListening(process, port, 10, "h2o", h2o::logs);
    } catch (RuntimeException | Error e) {
      h2o.close();
      throw e;
    }
    return h2o;
  }

  private String logs() throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : new String[] {"stdout.log", "error.log"}) {
      Path log = dir.resolve(name);
      if (Files.exists(log)) {
        out.append(Files.readString(log));
      }
    }
    return out.toString();
  }

  public int port() {
    return port;
  }

  /** Where h2o serves files from. */
  public Path www() {
    return dir.resolve("www");
  }

  /** Kills h2o and waits, with a bound, for it to exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}

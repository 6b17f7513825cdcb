package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.tls.HeldCertificate;

/**
 * A real h2o (Debian's h2o package) for HTTP/2 interoperability tests: one process serving files
 * from {@code www} under its directory over TLS (h2 and http/1.1 by ALPN) on a free 127.0.0.1
 * port, with a test certificate. Its logs stay in its directory; {@link #close()} kills it.
 */
public final class H2o extends LoopbackFileServer {
  private H2o(ServerProcess server, Path dir) {
    super(server, dir);
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
    ServerProcess server = ServerProcess.start(List.of(binary.toString(), "-c", file.toString()),
        dir, port, "h2o", "error.log");
    return new H2o(server, dir);
  }
}

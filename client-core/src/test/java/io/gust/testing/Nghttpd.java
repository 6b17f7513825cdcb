package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.tls.HeldCertificate;

/**
 * A real nghttpd (nghttp2's HTTP/2 server) for interoperability tests, on a free 127.0.0.1 port,
 * serving files from {@code www} under its directory: h2c by prior knowledge, or h2 over TLS with
 * a test certificate; extra options set stream limits, windows, padding and trailers. Its output
 * goes to a log file in its directory; {@link #close()} kills it.
 */
public final class Nghttpd extends LoopbackFileServer {
  private Nghttpd(ServerProcess server, Path dir) {
    super(server, dir);
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
    ServerProcess server = ServerProcess.start(command, dir, port, "nghttpd");
    return new Nghttpd(server, dir);
  }
}

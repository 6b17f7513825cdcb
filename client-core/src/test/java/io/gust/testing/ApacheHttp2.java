package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.tls.HeldCertificate;

/**
 * A real Apache httpd with mod_http2 (Debian's apache2) for HTTP/2 interoperability tests: one
 * foreground process ({@code -X}) serving files from {@code www} under its directory over TLS,
 * {@code Protocols h2 http/1.1}, on a free 127.0.0.1 port with a test certificate. Its logs stay
 * in its directory; {@link #close()} kills it.
 */
public final class ApacheHttp2 extends LoopbackFileServer {
  private static final String MODULES = "/usr/lib/apache2/modules/";

  private ApacheHttp2(ServerProcess server, Path dir) {
    super(server, dir);
  }

  /** Starts apache2 in {@code dir} presenting {@code certificate}; waits until it listens. */
  public static ApacheHttp2 start(Path dir, HeldCertificate certificate) throws Exception {
    Path binary = ExternalTools.require("apache2");
    ExternalTools.requirePresent(Files.exists(Path.of(MODULES, "mod_http2.so")),
        "apache2's mod_http2");
    Path www = Files.createDirectories(dir.resolve("www"));
    Path cert = TlsCertificates.writePem(certificate, dir.resolve("cert.pem"));
    Path key = TlsCertificates.writeKeyPem(certificate, dir.resolve("key.pem"));
    int port = LoopbackPorts.free();
    StringBuilder config = new StringBuilder()
        .append("ServerRoot ").append(dir).append('\n')
        .append("PidFile ").append(dir.resolve("httpd.pid")).append('\n')
        .append("ErrorLog ").append(dir.resolve("error.log")).append('\n');
    for (String module : new String[] {"mpm_event", "authz_core", "mime", "ssl", "http2"}) {
      config.append("LoadModule ").append(module).append("_module ").append(MODULES)
          .append("mod_").append(module).append(".so\n");
    }
    config.append("User nobody\nGroup nogroup\n")
        .append("Listen 127.0.0.1:").append(port).append('\n')
        .append("ServerName localhost\nDocumentRoot ").append(www).append('\n')
        .append("TypesConfig /etc/mime.types\n")
        .append("Protocols h2 http/1.1\nSSLEngine on\n")
        .append("SSLCertificateFile ").append(cert).append('\n')
        .append("SSLCertificateKeyFile ").append(key).append('\n')
        .append("<Directory ").append(www).append(">\n  Require all granted\n</Directory>\n");
    Path file = Files.writeString(dir.resolve("httpd.conf"), config);
    dir.toFile().setExecutable(true, false);
    www.toFile().setExecutable(true, false);
    ServerProcess server = ServerProcess.start(
        List.of(binary.toString(), "-X", "-f", file.toString()), dir, port, "apache2",
        "error.log");
    return new ApacheHttp2(server, dir);
  }
}

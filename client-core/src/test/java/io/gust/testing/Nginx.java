package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.tls.HeldCertificate;

/**
 * A real nginx for interoperability tests: one process (no master, no daemon) serving HTTPS on a
 * free 127.0.0.1 port with a test certificate, files from {@code www} under its directory, and
 * {@code /hello}. Everything it writes stays in that directory; {@link #close()} kills it.
 */
public final class Nginx extends LoopbackFileServer {
  private Nginx(ServerProcess server, Path dir) {
    super(server, dir);
  }

  /** Starts {@code binary} in {@code dir} presenting {@code certificate}; waits until it listens. */
  public static Nginx start(Path binary, Path dir, HeldCertificate certificate) throws Exception {
    return start(binary, dir, certificate, false);
  }

  /** As {@link #start(Path, Path, HeldCertificate)}, offering HTTP/2 in ALPN when {@code http2}. */
  public static Nginx start(Path binary, Path dir, HeldCertificate certificate, boolean http2)
      throws Exception {
    return start(binary, dir, certificate, http2, 1000);
  }

  /**
   * As {@link #start(Path, Path, HeldCertificate, boolean)}, closing each connection after
   * {@code keepaliveRequests} requests (over HTTP/2, a GOAWAY once that many streams came).
   */
  public static Nginx start(Path binary, Path dir, HeldCertificate certificate, boolean http2,
      int keepaliveRequests) throws Exception {
    Files.createDirectories(dir.resolve("www"));
    Path cert = TlsCertificates.writePem(certificate, dir.resolve("cert.pem"));
    Path key = TlsCertificates.writeKeyPem(certificate, dir.resolve("key.pem"));
    int port = LoopbackPorts.free();
    Path config = Files.writeString(dir.resolve("nginx.conf"), config(dir, port, cert, key)
        .replace(" ssl;\n", http2 ? " ssl http2;\n" : " ssl;\n")
        .replace("keepalive_requests 1000;", "keepalive_requests " + keepaliveRequests + ";"));
    ServerProcess server = ServerProcess.start(List.of(binary.toString(), "-p", dir.toString(),
        "-e", dir.resolve("error.log").toString(), "-c", config.toString()), dir, port, "nginx",
        "error.log");
    return new Nginx(server, dir);
  }

  private static String config(Path dir, int port, Path cert, Path key) {
    return "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        + "pid " + dir.resolve("nginx.pid") + ";\n"
        + "error_log " + dir.resolve("error.log") + " info;\n"
        + "events { worker_connections 64; }\n"
        + "http {\n"
        + "  access_log " + dir.resolve("access.log") + ";\n"
        + "  client_body_temp_path " + dir.resolve("body") + ";\n"
        + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
        + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
        + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
        + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
        + "  server {\n"
        + "    listen 127.0.0.1:" + port + " ssl;\n"
        + "    server_name localhost;\n"
        + "    ssl_certificate " + cert + ";\n"
        + "    ssl_certificate_key " + key + ";\n"
        + "    ssl_protocols TLSv1.2 TLSv1.3;\n"
        + "    keepalive_requests 1000;\n"
        + "    location = /hello { default_type text/plain; return 200 \"hello from nginx\\n\"; }\n"
        + "    location / { root " + dir.resolve("www") + "; }\n"
        + "  }\n"
        + "}\n";
  }
}

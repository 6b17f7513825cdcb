package io.gust.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.tls.HeldCertificate;

/**
 * A real {@code openssl s_server -WWW} for interoperability tests: serves the files under a
 * directory over HTTPS on an ephemeral 127.0.0.1 port, with bodies delimited by the connection's
 * end (HTTP/1.0, no Content-Length), each connection ended with close_notify. {@link #close()}
 * kills it.
 */
public final class OpenSslServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private OpenSslServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code binary} serving {@code dir}'s {@code www} presenting {@code certificate}, with
   * {@code protocolFlags} (such as {@code -tls1_2}); returns once it listens.
   */
  public static OpenSslServer start(Path binary, Path dir, HeldCertificate certificate,
      String... protocolFlags) throws IOException {
    Path www = Files.createDirectories(dir.resolve("www"));
    Path cert = TlsCertificates.writePem(certificate, dir.resolve("cert.pem"));
    Path key = TlsCertificates.writeKeyPem(certificate, dir.resolve("key.pem"));
    List<String> command = new ArrayList<>(List.of(binary.toString(), "s_server",
        "-WWW", "-accept", "127.0.0.1:0", "-cert", cert.toString(), "-key", key.toString()));
    command.addAll(List.of(protocolFlags));
    Process process = new ProcessBuilder(command).directory(www.toFile())
        .redirectErrorStream(true).start();
    try {
      return new OpenSslServer(process, awaitPort(process));
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Reads the output until s_server says where it listens, then drains the rest. */
  private static int awaitPort(Process process) throws IOException {
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith("ACCEPT ")) {
        drain(process.getInputStream());
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
      }
      seen.append(line).append('\n');
    }
    throw new IllegalStateException("openssl s_server exited: " + seen);
  }

  private static void drain(InputStream output) {
    Thread drainer = new Thread(() -> {
      try (output) {
        output.transferTo(OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // The process ended.
      }
    }, "openssl-output");
    drainer.setDaemon(true);
    drainer.start();
  }

  public int port() {
    return port;
  }

  /** Kills s_server and waits, with a bound, for it to exit. */
  @Override
  public void close() throws InterruptedException {
    LoopbackPorts.stop(process);
  }
}

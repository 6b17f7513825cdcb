package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real tinyproxy on a free 127.0.0.1 port, in the foreground, allowing loopback clients and
 * CONNECT to any port, optionally demanding Basic proxy authentication of one user. Its config
 * and log stay in its directory; {@link #close()} stops it.
 */
public final class Tinyproxy extends LoopbackDaemon {
  private Tinyproxy(ServerProcess server) {
    super(server);
  }

  /** Starts tinyproxy in {@code dir}; {@code user} null for no authentication. */
  public static Tinyproxy start(Path dir, String user, String password) throws Exception {
    Path binary = ExternalTools.require("tinyproxy");
    int port = LoopbackPorts.free();
    StringBuilder config = new StringBuilder()
        .append("Port ").append(port).append('\n')
        .append("Listen 127.0.0.1\n")
        .append("Timeout 30\n")
        .append("MaxClients 20\n")
        .append("Allow 127.0.0.1\n")
        .append("LogLevel Info\n")
        .append("LogFile \"").append(dir.resolve("tinyproxy.log")).append("\"\n")
        .append("PidFile \"").append(dir.resolve("tinyproxy.pid")).append("\"\n")
        .append("DisableViaHeader No\n");
    if (user != null) {
      config.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
    }
    Path file = Files.writeString(dir.resolve("tinyproxy.conf"), config.toString());
    return new Tinyproxy(ServerProcess.start(
        List.of(binary.toString(), "-d", "-c", file.toString()), dir, port, "tinyproxy",
        "tinyproxy.log"));
  }
}

package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SOCKS server on a free 127.0.0.1 port: microsocks (SOCKS5, optionally demanding a
 * username and password) or Debian's dante-server (SOCKS5 and SOCKS4, not SOCKS4a; no
 * authentication, since its username method checks system accounts). Its output goes to a file
 * in the given directory; {@link #close()} stops it.
 */
public final class SocksServer extends LoopbackDaemon {
  private SocksServer(ServerProcess server) {
    super(server);
  }

  /** Starts microsocks; {@code user} and {@code password} are both null or both given. */
  public static SocksServer microsocks(Path dir, String user, String password) throws Exception {
    Path microsocks = ExternalTools.require("microsocks");
    int port = LoopbackPorts.free();
    List<String> command = new ArrayList<>(
        List.of(microsocks.toString(), "-i", "127.0.0.1", "-p", String.valueOf(port)));
    if (user != null) {
      command.addAll(List.of("-u", user, "-P", password));
    }
    return new SocksServer(ServerProcess.start(command, dir, port, "microsocks"));
  }

  /** Starts danted with internal and external address 127.0.0.1, CONNECT only, no auth. */
  public static SocksServer dante(Path dir) throws Exception {
    Path danted = ExternalTools.require("danted");
    int port = LoopbackPorts.free();
    Path config = Files.writeString(dir.resolve("danted.conf"), String.join("\n",
        "logoutput: " + dir.resolve("danted.log"),
        "internal: 127.0.0.1 port = " + port,
        "external: 127.0.0.1",
        "clientmethod: none",
        "socksmethod: none",
        "user.privileged: root",
        "user.unprivileged: nobody",
        "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }",
        "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 command: connect }", ""));
    return new SocksServer(ServerProcess.start(List.of(danted.toString(), "-f",
        config.toString(), "-N", "1", "-p", dir.resolve("danted.pid").toString()), dir, port,
        "danted", "danted.log"));
  }

}

package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real squid on a free 127.0.0.1 port that demands Digest proxy authentication (its
 * digest_file_auth helper, one user) and tunnels CONNECT to any port. Everything it writes stays
 * in its directory; {@link #close()} stops it.
 */
public final class SquidDigestProxy implements AutoCloseable {
  private static final Path HELPER = Path.of("/usr/lib/squid/digest_file_auth");

  private final Process process;
  private final Path dir;
  private final int port;

  private SquidDigestProxy(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts squid in {@code dir} with realm {@code realm} and one user; waits until it listens. */
  public static SquidDigestProxy start(Path dir, String realm, String user, String password)
      throws Exception {
    Path squid = ExternalTools.require("squid");
    ExternalTools.requirePresent(Files.isExecutable(HELPER), HELPER.toString());
    // squid drops root for its own user, which must reach the directory and the password file.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path passwords = Files.writeString(dir.resolve("digest.pw"), user + ":" + password + "\n");
    int port = LoopbackPorts.free();
    Path config = Files.writeString(dir.resolve("squid.conf"), String.join("\n",
        "http_port 127.0.0.1:" + port,
        "pid_filename " + dir.resolve("squid.pid"),
        "cache_log " + dir.resolve("cache.log"),
        "access_log " + dir.resolve("access.log"),
        "coredump_dir " + dir,
        "cache deny all",
        "cache_mem 8 MB",
        "shutdown_lifetime 1 seconds",
        "auth_param digest program " + HELPER + " " + passwords,
        "auth_param digest realm " + realm,
        "auth_param digest children 1 startup=1",
        "acl authed proxy_auth REQUIRED",
        "http_access allow authed",
        "http_access deny all", ""));
    Process process = new ProcessBuilder(squid.toString(), "-N", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    SquidDigestProxy proxy = new SquidDigestProxy(process, dir, port);
    try {
      LoopbackPorts.awaitListening(process, port, 20, "squid",
          () -> Files.readString(dir.resolve("stdout.log")));
    } catch (RuntimeException | Error e) {
      proxy.close();
      throw e;
    }
    return proxy;
  }

  /** The port squid listens on. */
  public int port() {
    return port;
  }

  /** Stops squid and waits, with a bound, for it to exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}

package io.gust.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real squid on a free 127.0.0.1 port that demands Digest proxy authentication (its
 * digest_file_auth helper, one user) and tunnels CONNECT to any port; or, from {@link #startBasic}
 * and {@link #startOpen}, one that demands Basic (basic_ncsa_auth) or nothing. Everything it writes
 * stays in its directory; {@link #close()} stops it.
 */
public final class SquidDigestProxy extends LoopbackDaemon {
  private static final Path HELPER = Path.of("/usr/lib/squid/digest_file_auth");
  private static final Path BASIC_HELPER = Path.of("/usr/lib/squid/basic_ncsa_auth");

  private SquidDigestProxy(ServerProcess server) {
    super(server);
  }

  /** Starts squid in {@code dir} with realm {@code realm} and one user; waits until it listens. */
  public static SquidDigestProxy start(Path dir, String realm, String user, String password)
      throws Exception {
    ExternalTools.require("squid");
    ExternalTools.requirePresent(Files.isExecutable(HELPER), HELPER.toString());
    Path passwords = Files.writeString(dir.resolve("digest.pw"), user + ":" + password + "\n");
    return start(dir, List.of(
        "auth_param digest program " + HELPER + " " + passwords,
        "auth_param digest realm " + realm,
        "auth_param digest children 1 startup=1",
        "acl authed proxy_auth REQUIRED",
        "http_access allow authed"));
  }

  /** Starts squid in {@code dir} demanding Basic proxy authentication of one user. */
  public static SquidDigestProxy startBasic(Path dir, String user, String password)
      throws Exception {
    ExternalTools.require("squid");
    ExternalTools.requirePresent(Files.isExecutable(BASIC_HELPER), BASIC_HELPER.toString());
    Path openssl = ExternalTools.require("openssl");
    Process hashing = new ProcessBuilder(openssl.toString(), "passwd", "-1", password).start();
    String hash = new String(hashing.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
        .strip();
    hashing.waitFor(10, TimeUnit.SECONDS);
    Path passwords = Files.writeString(dir.resolve("basic.pw"), user + ":" + hash + "\n");
    return start(dir, List.of(
        "auth_param basic program " + BASIC_HELPER + " " + passwords,
        "auth_param basic realm gust",
        "auth_param basic children 1 startup=1",
        "acl authed proxy_auth REQUIRED",
        "http_access allow authed"));
  }

  /** Starts squid in {@code dir} open to everyone on loopback (no authentication). */
  public static SquidDigestProxy startOpen(Path dir) throws Exception {
    ExternalTools.require("squid");
    return start(dir, List.of("http_access allow all"));
  }

  private static SquidDigestProxy start(Path dir, List<String> access) throws Exception {
    Path squid = ExternalTools.require("squid");
    // squid drops root for its own user, which must reach the directory and the password file.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    int port = LoopbackPorts.free();
    List<String> lines = new ArrayList<>(List.of(
        "http_port 127.0.0.1:" + port,
        "pid_filename " + dir.resolve("squid.pid"),
        "cache_log " + dir.resolve("cache.log"),
        "access_log " + dir.resolve("access.log"),
        "coredump_dir " + dir,
        "cache deny all",
        "cache_mem 8 MB",
        "shutdown_lifetime 1 seconds"));
    lines.addAll(access);
    lines.add("http_access deny all");
    lines.add("");
    Path config = Files.writeString(dir.resolve("squid.conf"), String.join("\n", lines));
    return new SquidDigestProxy(ServerProcess.start(
        List.of(squid.toString(), "-N", "-f", config.toString()), dir, port, "squid",
        "cache.log"));
  }
}

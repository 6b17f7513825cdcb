package io.gust.resolver;

import io.gust.testing.LoopbackPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A dnsmasq process for tests: bound to 127.0.0.1 on a free port, serving only the given hosts
 * file (and CNAMEs) with no upstream server, so that it never sends a packet off the machine.
 */
final class Dnsmasq implements AutoCloseable {
  final int port;
  private final Process process;

  private Dnsmasq(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** The dnsmasq binary in PATH or /usr/sbin, or null. */
  static Path find() {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "")
        .split(java.io.File.pathSeparator)));
    dirs.add("/usr/sbin");
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "dnsmasq");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Starts {@code binary} serving {@code hosts} (hosts-file lines) and {@code extraOptions}, and
   * waits until it has read the hosts file.
   */
  static Dnsmasq start(Path binary, Path dir, String hosts, String... extraOptions)
      throws Exception {
    Path hostsFile = Files.writeString(dir.resolve("dnsmasq-hosts"), hosts);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-daemon",
        "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv",
        "--no-hosts", "--addn-hosts=" + hostsFile, "--pid-file=" + dir.resolve("dnsmasq.pid"),
        "--conf-file=/dev/null", "--log-facility=-", "--local=/interop.test/",
        "--user=" + System.getProperty("user.name"), "--group=" + group()));
    for (String option : extraOptions) {
      command.add("--" + option);
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Dnsmasq dnsmasq = new Dnsmasq(port, process);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> readOutput(process, "read " + hostsFile, ready, output),
        "dnsmasq-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      dnsmasq.close();
      throw new IllegalStateException("dnsmasq did not start: " + output, e);
    }
    return dnsmasq;
  }

  private static void readOutput(Process process, String readyLine, CompletableFuture<Void> ready,
      StringBuilder output) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.contains(readyLine)) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("dnsmasq exited"));
  }

  /** A port free on 127.0.0.1 for both UDP and TCP when we looked. */
  private static int freePort() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    while (true) {
      try (DatagramChannel udp = DatagramChannel.open();
          ServerSocketChannel tcp = ServerSocketChannel.open()) {
        udp.bind(new InetSocketAddress(loopback, 0));
        int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
        try {
          tcp.bind(new InetSocketAddress(loopback, port));
          return port;
        } catch (java.net.BindException e) {
          // Taken for TCP: try another.
        }
      }
    }
  }

  private static String group() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-gn").start();
    String name = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    id.waitFor(5, TimeUnit.SECONDS);
    return name.isEmpty() ? "nogroup" : name;
  }

  @Override
  public void close() {
    LoopbackPorts.stopQuietly(process);
  }
}

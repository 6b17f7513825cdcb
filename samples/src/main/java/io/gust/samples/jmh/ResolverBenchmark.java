package io.gust.samples.jmh;

import io.gust.client.AddressFamily;
import io.gust.client.Resolver;
import io.gust.loop.EventLoop;
import io.gust.resolver.CachingResolver;
import io.gust.resolver.DnsResolver;
import io.gust.resolver.ThreadedResolver;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resolver throughput. {@code cachedHit*}: lookups answered by a warm {@link CachingResolver},
 * per second and (with {@code -prof gc}) bytes allocated per lookup. {@code dns*} and
 * {@code threaded*}: uncached lookups of the same {@value #NAMES} names, in batches of
 * {@value #BATCH} in flight on one loop; {@link DnsResolver} asks a dnsmasq that this benchmark
 * starts on a loopback port (it must be installed: {@code apt-get install dnsmasq}), and
 * {@link ThreadedResolver} asks the JDK, pointed by {@code jdk.net.hosts.file} at a hosts file
 * with the same names (the system resolver cannot be pointed at a loopback port without editing
 * /etc/resolv.conf). Nothing leaves 127.0.0.1.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Djdk.net.hosts.file=" + ResolverBenchmark.HOSTS_FILE,
    "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0"})
public class ResolverBenchmark {
  static final String HOSTS_FILE = "/tmp/gust-resolver-benchmark-hosts";
  static final int NAMES = 64;
  static final int BATCH = 64;

  static String name(int i) {
    return "host" + i + ".bench.test";
  }

  /** A warm cache of {@value #NAMES} names over a resolver that answers at once. */
  @State(Scope.Benchmark)
  public static class Cache {
    EventLoop loop;
    CachingResolver cache;
    final String[] names = new String[NAMES];

    @Setup(Level.Trial)
    public void start() throws Exception {
      loop = EventLoop.create();
      InetAddress address = InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
      Resolver instant = (l, host, port, family) ->
          CompletableFuture.completedFuture(List.of(new InetSocketAddress(address, port)));
      cache = new CachingResolver(instant);
      for (int i = 0; i < NAMES; i++) {
        names[i] = name(i);
        cache.resolve(loop, names[i], 443, AddressFamily.ANY).get();
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      cache.close();
      loop.close();
    }
  }

  /** Which name a benchmark thread asks next. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  @Threads(1)
  public CompletableFuture<List<InetSocketAddress>> cachedHitOneThread(Cache cache, Cursor cursor) {
    return hit(cache, cursor);
  }

  @Benchmark
  @Threads(2)
  public CompletableFuture<List<InetSocketAddress>> cachedHitTwoThreads(Cache cache,
      Cursor cursor) {
    return hit(cache, cursor);
  }

  private static CompletableFuture<List<InetSocketAddress>> hit(Cache cache, Cursor cursor) {
    int i = cursor.next++ & (NAMES - 1);
    return cache.cache.resolve(cache.loop, cache.names[i], 443, AddressFamily.ANY);
  }

  /** dnsmasq on a loopback port, a loop, and the two resolvers under test. */
  @State(Scope.Benchmark)
  public static class Servers {
    EventLoop loop;
    Process dnsmasq;
    DnsResolver dns;
    ThreadedResolver threaded;

    @Setup(Level.Trial)
    public void start() throws Exception {
      StringBuilder hosts = new StringBuilder();
      for (int i = 0; i < NAMES; i++) {
        hosts.append("10.0.").append(i / 256).append('.').append(i % 256).append(' ')
            .append(name(i)).append('\n');
      }
      Files.writeString(Path.of(HOSTS_FILE), hosts);
      int port = freePort();
      dnsmasq = startDnsmasq(port);
      loop = EventLoop.create();
      dns = DnsResolver.builder().resolvConf(Path.of("/nonexistent")).hostsFile(null)
          .nameserver("127.0.0.1:" + port).attempts(1).build();
      threaded = new ThreadedResolver(4);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      dns.close();
      threaded.close();
      loop.close();
      dnsmasq.destroy();
      dnsmasq.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int dnsResolverAgainstDnsmasq(Servers servers) throws Exception {
    return batch(servers.loop, servers.dns, AddressFamily.IPV4);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int dnsResolverBothFamiliesAgainstDnsmasq(Servers servers) throws Exception {
    return batch(servers.loop, servers.dns, AddressFamily.ANY);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int threadedResolverOnTheSameNames(Servers servers) throws Exception {
    return batch(servers.loop, servers.threaded, AddressFamily.IPV4);
  }

  /** Starts {@value #BATCH} lookups on the loop and waits until all have completed. */
  private static int batch(EventLoop loop, Resolver resolver, AddressFamily family)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(BATCH);
    AtomicInteger failed = new AtomicInteger();
    loop.execute(() -> {
      for (int i = 0; i < BATCH; i++) {
        resolver.resolve(loop, name(i % NAMES), 80, family).whenComplete((r, e) -> {
          if (e != null) {
            failed.incrementAndGet();
          }
          done.countDown();
        });
      }
    });
    if (!done.await(30, TimeUnit.SECONDS) || failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " lookups failed or timed out");
    }
    return BATCH;
  }

  private static Process startDnsmasq(int port) throws IOException {
    Path installed = Path.of("/usr/sbin/dnsmasq");
    String binary = Files.isExecutable(installed) ? installed.toString() : "dnsmasq";
    Process process = new ProcessBuilder(binary, "--no-daemon", "--port=" + port,
        "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--addn-hosts=" + HOSTS_FILE, "--conf-file=/dev/null", "--log-facility=-",
        "--pid-file=/tmp/gust-resolver-benchmark-dnsmasq.pid", "--local=/bench.test/",
        "--user=" + System.getProperty("user.name"), "--group=" + primaryGroup())
        .redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null) {
      if (line.contains("read " + HOSTS_FILE)) {
        Thread drain = new Thread(() -> drain(output), "dnsmasq-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new IllegalStateException("dnsmasq exited before it was ready");
  }

  private static void drain(BufferedReader output) {
    try {
      while (output.readLine() != null) {
        // dnsmasq logs each query it answers: keep its pipe from filling up.
      }
    } catch (IOException e) {
      // dnsmasq was stopped.
    }
  }

  private static String primaryGroup() throws IOException {
    Process id = new ProcessBuilder("id", "-gn").start();
    return new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  private static int freePort() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (DatagramChannel udp = DatagramChannel.open();
        ServerSocketChannel tcp = ServerSocketChannel.open()) {
      udp.bind(new InetSocketAddress(loopback, 0));
      int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
      tcp.bind(new InetSocketAddress(loopback, port));
      return port;
    }
  }
}

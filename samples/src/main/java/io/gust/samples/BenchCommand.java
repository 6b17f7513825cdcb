package io.gust.samples;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The {@code bench} command: a closed-loop load generator. {@code -c} requests in flight (default
 * 16) for {@code -d} seconds (default 10) or {@code -n} requests, through Gust, the JDK's client,
 * OkHttp or, in a jar built with the Maven profile {@code peers}, Jetty, Apache HttpClient 5 or
 * AsyncHttpClient ({@code --client}); prints requests/s, latency percentiles, bytes allocated per
 * request, errors and non-2xx answers, as text or ({@code --json}) as one JSON object on stdout,
 * and a progress line on stderr each second.
 *
 * <p>{@code --loops N} spreads the gust client over an EventLoopGroup of N loops.
 *
 * <p>Over https every client trusts the server alike: {@code -k} ({@code --insecure}) trusts any
 * certificate for any host, {@code --cacert FILE} exactly the PEM certificates in FILE, neither
 * the JDK's trust store. {@code --new-connections} sends {@code Connection: close} with every
 * request, so that each one opens a connection (and, over https, a handshake) of its own:
 * requests/s are then connections (handshakes) per second. {@code
 * -Dgust.bench.tlsProvider=Conscrypt} makes every client's TLS context from Conscrypt instead of
 * the JDK's provider (Gust's optional one, in this jar).
 *
 * <p>{@code --hold N} instead starts N requests at once against a slow URL (such as the
 * companion server's {@code /delay/5000}) and reports the heap they hold, per request, after a
 * GC {@code --sample} seconds (default 2) in, the JVM's threads, and how many completed.
 *
 * <p>CPU per request is the whole JVM's CPU time during the timed run over its requests, and
 * cores busy that time over the run's wall time: what the client costs the machine, load loop
 * included.
 *
 * <p>Bytes per request are the heap allocated by every thread of the JVM during the timed run
 * (the sum of {@code ThreadMXBean.getThreadAllocatedBytes} deltas) divided by the requests: the
 * client and the load loop together, including each request's future and latency bookkeeping.
 *
 * <p>A warm-up runs first and is not counted: one second ({@code --warmup}) before a timed run, a tenth of the
 * requests (at least {@code -c}) before a counted one. With {@code -n} the report counts exactly
 * the requests asked for.
 */
final class BenchCommand {
  private static final String USAGE = "usage: bench [-c CONNECTIONS] [-d SECONDS | -n REQUESTS]"
      + " [--warmup SECONDS] [--hold N [--sample SECONDS]] [--loops N]"
      + " [-k | --cacert FILE] [--new-connections] [--http2]"
      + " [--client gust|jdk|okhttp|jetty|apache|ahc] [--json] URL"
      + " | bench --versions";

  private int connections = 16;
  private double seconds = 10;
  private double warmUpSeconds = 1;
  /** Requests to hold at once, or 0 for a closed-loop run. */
  private int hold;
  /** Event loops for the gust client. */
  private int loops = 1;
  private double holdSampleSeconds = 2;
  private long requests;
  private String client = "gust";
  private boolean json;
  private boolean insecure;
  private java.nio.file.Path caCert;
  /** Whether every request asks for a connection of its own. */
  private boolean newConnections;
  /** --http2: Gust's client speaks HTTP/2, its requests in flight as streams of one connection. */
  private boolean http2;
  private TlsSettings.Trust trust;
  private URI url;
  private double bytesPerRequest;
  /** The JVM's CPU time during the timed run, over its requests, in microseconds. */
  private double cpuMicrosPerRequest;
  /** The JVM's CPU time during the timed run over its wall time: the cores it kept busy. */
  private double coresBusy;

  private BenchCommand() {}

  /** Blocks until the run is over; returns 0, 1 when every request failed, or 2 for bad usage. */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    if (args.length == 1 && args[0].equals("--versions")) {
      out.println(LoadClient.versions());
      return 0;
    }
    BenchCommand bench = new BenchCommand();
    try {
      bench.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    return bench.measure(out, err);
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-c" -> connections = Integer.parseInt(value(args, ++i));
        case "-d" -> seconds = Double.parseDouble(value(args, ++i));
        case "--loops" -> loops = Integer.parseInt(value(args, ++i));
        case "--hold" -> hold = Integer.parseInt(value(args, ++i));
        case "--sample" -> holdSampleSeconds = Double.parseDouble(value(args, ++i));
        case "--warmup" -> warmUpSeconds = Double.parseDouble(value(args, ++i));
        case "-n" -> requests = Long.parseLong(value(args, ++i));
        case "--client" -> client = value(args, ++i).toLowerCase(Locale.ROOT);
        case "--json" -> json = true;
        case "-k", "--insecure" -> insecure = true;
        case "--cacert" -> caCert = java.nio.file.Path.of(value(args, ++i));
        case "--new-connections" -> newConnections = true;
        case "--http2" -> http2 = true;
        default -> {
          if (args[i].startsWith("-") || url != null) {
            throw new IllegalArgumentException("unexpected argument " + args[i]);
          }
          url = URI.create(args[i]);
        }
      }
    }
    if (url == null || connections < 1 || seconds <= 0 || requests < 0 || hold < 0
        || loops < 1) {
      throw new IllegalArgumentException(url == null ? "no URL" : "-c, -d and -n must be positive");
    }
    if (hold > 0 && newConnections) {
      throw new IllegalArgumentException("--new-connections does not apply to --hold");
    }
    try {
      trust = TlsSettings.trust(insecure, caCert);
    } catch (CurlOptions.UsageException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private int measure(PrintStream out, PrintStream err) throws InterruptedException {
    LoadSettings settings = new LoadSettings(url, hold > 0 ? hold : connections, loops, trust,
        newConnections, http2);
    try (LoadClient load = LoadClient.create(client, settings)) {
      if (hold > 0) {
        return HoldRun.run(load, hold, url, holdSampleSeconds, json, out);
      }
      ClosedLoop warmUp = requests > 0
          ? ClosedLoop.ofCount(load, connections, Math.max(connections, requests / 10))
          : ClosedLoop.ofDuration(load, connections, warmUpSeconds);
      warmUp.start().join();
      ClosedLoop run = requests > 0 ? ClosedLoop.ofCount(load, connections, requests)
          : ClosedLoop.ofDuration(load, connections, seconds);
      Allocations allocations = Allocations.start();
      long startCpuNanos = processCpuNanos();
      long startNanos = System.nanoTime();
      CompletableFuture<Void> finished = run.start();
      ScheduledExecutorService ticker = progress(run, startNanos, err);
      try {
        finished.join();
      } finally {
        ticker.shutdownNow();
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      }
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      bytesPerRequest = allocations.bytes() / (double) Math.max(1, run.completed.sum());
      double cpuNanos = processCpuNanos() - startCpuNanos;
      cpuMicrosPerRequest = cpuNanos / 1000 / Math.max(1, run.completed.sum());
      coresBusy = cpuNanos / 1e9 / elapsed;
      out.print(json ? json(run, elapsed) : text(run, elapsed, load.description()));
      out.flush();
      return run.errors.sum() == run.completed.sum() ? 1 : 0;
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      return 2;
    }
  }

  /** Prints, once a second, the requests/s of the last second and the totals so far. */
  private static ScheduledExecutorService progress(ClosedLoop run, long startNanos,
      PrintStream err) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-progress"));
    long[] last = {0};
    String end = System.console() != null ? "\r" : "\n";
    ticker.scheduleAtFixedRate(() -> {
      long total = run.completed.sum();
      err.printf("%5.0f s  %8d req/s  %10d requests  %6d errors%s",
          (System.nanoTime() - startNanos) / 1e9, total - last[0], total, run.errors.sum(), end);
      last[0] = total;
    }, 1, 1, TimeUnit.SECONDS);
    return ticker;
  }

  private String text(ClosedLoop run, double elapsed, String description) {
    Histogram h = run.latencyMicros;
    StringBuilder text = new StringBuilder();
    text.append(String.format("%s%n%d connections%s, %s, %s%n", description, connections,
        newConnections ? " (a new one per request)" : http2 ? " (HTTP/2 streams)" : "",
        requests > 0 ? requests + " requests" : seconds + " s", url));
    text.append(String.format("requests     %d in %.2f s: %.1f requests/s%n", run.completed.sum(),
        elapsed, run.completed.sum() / elapsed));
    text.append(String.format("errors       %d%s   non-2xx %d%n", run.errors.sum(),
        run.firstError == null ? "" : " (first: " + run.firstError + ")", run.non2xx.sum()));
    text.append(String.format("latency ms   p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
        millis(h, 50), millis(h, 90), millis(h, 99), millis(h, 99.9), h.getMaxValue() / 1000.0));
    text.append(String.format("allocated    %.0f bytes per request%n", bytesPerRequest));
    text.append(String.format("cpu          %.1f µs per request, %.2f cores busy (whole JVM)%n",
        cpuMicrosPerRequest, coresBusy));
    return text.toString();
  }

  private String json(ClosedLoop run, double elapsed) {
    Histogram h = run.latencyMicros;
    return String.format(Locale.ROOT, "{\"client\":\"%s\",\"connections\":%d,"
            + "\"newConnections\":%b,\"url\":\"%s\",\"seconds\":%.3f,\"requests\":%d,"
            + "\"requestsPerSecond\":%.1f,\"errors\":%d,\"non2xx\":%d,"
            + "\"latencyMillis\":{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,"
            + "\"p99.9\":%.3f,\"max\":%.3f},\"bytesPerRequest\":%.0f,"
            + "\"cpuMicrosPerRequest\":%.2f,\"coresBusy\":%.2f}%n",
        client, connections, newConnections, url.toString().replace("\"", "%22"), elapsed,
        run.completed.sum(), run.completed.sum() / elapsed, run.errors.sum(), run.non2xx.sum(),
        millis(h, 50), millis(h, 90), millis(h, 99), millis(h, 99.9), h.getMaxValue() / 1000.0,
        bytesPerRequest, cpuMicrosPerRequest, coresBusy);
  }

  /** CPU time used by every thread of this JVM so far, or 0 where the JVM does not say. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime()) : 0;
  }

  private static double millis(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }
}

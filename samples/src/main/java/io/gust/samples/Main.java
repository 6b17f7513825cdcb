package io.gust.samples;

import java.util.Arrays;
import java.util.Locale;

/** Entry point of the samples jar: {@code java -jar gust-samples.jar COMMAND [ARGS...]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0].toLowerCase(Locale.ROOT);
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "demo" -> System.exit(Demo.run(rest, System.out));
      case "fetch" -> System.exit(FetchCommand.run(rest, System.out, System.err));
      case "serve" -> System.exit(ServeCommand.run(rest, System.out, System.err));
      case "bench" -> System.exit(BenchCommand.run(rest, System.out, System.err));
      case "help", "-h", "--help" -> usage(0);
      default -> {
        System.err.println("gust: unknown command '" + command + "'");
        usage(2);
      }
    }
  }

  private static void usage(int status) {
    System.err.println("""
        usage: java -jar gust-samples.jar COMMAND [ARGS...]
          demo    the companion server in-process: a blocking handler versus an offloaded one,
                  Future and callback style, many fetches at once, with timings
          fetch   [-sSiIL] [-o FILE] [-D FILE] [-X METHOD] [-H 'Name: value']... [-d DATA]
                  [--data-binary @FILE] [--max-redirs N] [--compressed] [--connect-timeout S]
                  [-m S] [-k] [--cacert FILE] [--resolve HOST:PORT:ADDR] [-w FORMAT] URL
                  curl's options and exit codes, on Gust's client
          serve   [--port N] [--dir DIR] [--loops N]
                  the companion server: test routes, and the files under DIR
          bench   [-c CONNECTIONS] [-d SECONDS | -n REQUESTS] [--client gust|jdk|okhttp]
                  [--json] URL
                  a closed-loop load generator: requests/s and latency percentiles
        JMH benchmarks: java -cp gust-samples.jar org.openjdk.jmh.Main [BENCHMARK...]""");
    System.exit(status);
  }
}

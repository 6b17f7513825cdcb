package io.gust.samples;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
      case "ws" -> System.exit(WsCommand.run(rest, System.in, System.out, System.err));
      case "example" -> example(rest);
      case "help", "-h", "--help" -> usage(0);
      default -> {
        System.err.println("gust: unknown command '" + command + "'");
        usage(2);
      }
    }
  }

  /** The example classes, each a {@code main} of its own, runnable by name. */
  interface Example {
    void main(String[] args) throws Exception;
  }

  private static final Map<String, Example> EXAMPLES = new TreeMap<>(Map.of(
      "FutureStyle", FutureStyle::main, "CallbackStyle", CallbackStyle::main,
      "ManyAtOnce", ManyAtOnce::main, "Resolvers", Resolvers::main,
      "BlockingVersusOffloaded", BlockingVersusOffloaded::main, "Streaming", Streaming::main));

  private static void example(String[] args) throws Exception {
    Example example = args.length == 0 ? null : EXAMPLES.get(args[0]);
    if (example == null) {
      System.err.println("usage: example NAME [BASE_URL], NAME one of " + EXAMPLES.keySet());
      System.exit(2);
    }
    example.main(Arrays.copyOfRange(args, 1, args.length));
  }

  private static void usage(int status) {
    System.err.println("""
        usage: java -jar gust-samples.jar COMMAND [ARGS...]
          demo    the companion server in-process: a blocking handler versus an offloaded one,
                  Future and callback style, many fetches at once, with timings
          fetch   [-sSiILf] [-o FILE] [-D FILE] [-X METHOD] [-H 'Name: value' | 'Name:' |
                  'Name;']... [-d DATA] [--data-binary @FILE] [-u USER[:PASSWORD]]
                  [--max-redirs N] [--post301] [--post302] [--post303] [--compressed]
                  [--connect-timeout S] [-m S] [-k] [--cacert FILE] [--cert PEM [--key PEM]]
                  [--resolve HOST:PORT:ADDR] [-w FORMAT] URL
                  curl's options and exit codes, on Gust's client (-u USER asks for the
                  password on a terminal only; elsewhere it is empty)
          serve   [--port N] [--dir DIR] [--loops N] [--tls [--cert PEM --key PEM | --cert-out F]]
                  the companion server: test routes (a WebSocket echo at /ws/echo), and the
                  files under DIR; --tls: HTTPS (and wss://), with a self-signed certificate
                  (PEM to F or a temp file) unless given one
          bench   [-c CONNECTIONS] [-d SECONDS | -n REQUESTS] [--warmup SECONDS]
                  [--hold N [--sample SECONDS]] [--loops N] [-k | --cacert FILE]
                  [--new-connections] [--json] URL
                  [--client gust|jdk|okhttp|jetty|apache|ahc (the last three: -Ppeers)]
                  a closed-loop load generator: requests/s, latency percentiles, bytes
                  allocated per request; --hold N: N requests held at once, heap per request;
                  --new-connections: Connection: close on each request (handshakes/s)
          ws      [-H 'Name: value']... [--protocol P]... [--binary] [--no-compression]
                  [-k | --cacert FILE] [--connect-timeout S] [--ping-interval S] [-s] URL
                  like websocat: prints each message received, sends each line of standard
                  input; exit 0 after a clean close (ws --help for the other codes)
          example NAME [BASE_URL]
                  runs an example (%s)
                  against BASE_URL, or the companion server in-process
        JMH benchmarks: java -cp gust-samples.jar org.openjdk.jmh.Main [BENCHMARK...]"""
        .formatted(String.join(", ", EXAMPLES.keySet())));
    System.exit(status);
  }
}

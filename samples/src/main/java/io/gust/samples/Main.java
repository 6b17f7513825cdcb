package io.gust.samples;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entry point of the command line: {@code gust COMMAND [ARGS...]} (the launcher) or {@code java
 * -jar gust.jar COMMAND [ARGS...]}. {@code gust COMMAND --help} prints the command's help from
 * {@link CommandHelp}; a new command adds a case here and a help text there.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0].toLowerCase(Locale.ROOT);
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    if (CommandHelp.isAsked(rest) && CommandHelp.print(command, exampleNames(), System.out)) {
      System.exit(0);
    }
    switch (command) {
      case "demo" -> System.exit(Demo.run(rest, System.out));
      case "fetch" -> System.exit(FetchCommand.run(rest, System.out, System.err));
      case "serve" -> System.exit(ServeCommand.run(rest, System.out, System.err));
      case "bench" -> System.exit(BenchCommand.run(rest, System.out, System.err));
      case "ws" -> System.exit(WsCommand.run(rest, System.in, System.out, System.err));
      case "example" -> example(rest);
      case "train-startup" -> System.exit(StartupTraining.run());
      case "help", "-h", "--help" -> help(rest);
      case "version", "-v", "-V", "--version" -> System.out.print(CommandHelp.version());
      default -> {
        System.err.println("gust: unknown command '" + command + "'");
        CommandHelp.print("gust", exampleNames(), System.err);
        System.exit(2);
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
      System.err.println("usage: gust example NAME [BASE_URL], NAME one of " + exampleNames());
      System.exit(2);
    }
    example.main(Arrays.copyOfRange(args, 1, args.length));
  }

  /** {@code help [COMMAND]}: the overview, or one command's help; exit 2 for an unknown one. */
  private static void help(String[] args) {
    String command = args.length == 0 || args[0].startsWith("-") ? "gust"
        : args[0].toLowerCase(Locale.ROOT);
    if (!CommandHelp.print(command, exampleNames(), System.out)) {
      System.err.println("gust: no help for '" + command + "'");
      System.exit(2);
    }
  }

  private static String exampleNames() {
    return String.join(", ", EXAMPLES.keySet());
  }
}

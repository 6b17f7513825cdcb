package io.gust.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

/**
 * The command line's help and version texts. Each command's help is the resource {@code
 * help/COMMAND.txt} beside this class (options, then exit codes), so a new command gets its
 * {@code --help} by adding one file; {@code help/gust.txt} is the overview. {@code {examples}}
 * in a text stands for the names of the runnable examples.
 */
final class CommandHelp {
  private CommandHelp() {}

  /**
   * Whether {@code args} (after the command's name) ask for help: {@code --help} anywhere, or
   * {@code -h} first (later, {@code -h} may be another option's value).
   */
  static boolean isAsked(String[] args) {
    return (args.length > 0 && args[0].equals("-h")) || Arrays.asList(args).contains("--help");
  }

  /** Prints the help of {@code command} ({@code "gust"} for the overview); false when it has none. */
  static boolean print(String command, String examples, PrintStream out) {
    String text = text(command);
    if (text == null) {
      return false;
    }
    out.print(text.replace("{examples}", examples));
    out.flush();
    return true;
  }

  /** The help text of {@code command}, or null when there is none. */
  static String text(String command) {
    if (!command.matches("[a-z][a-z0-9-]*")) {
      return null;
    }
    try (InputStream in = CommandHelp.class.getResourceAsStream("help/" + command + ".txt")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /** What {@code gust --version} prints: Gust's version, then the Java it runs on. */
  static String version() {
    return "gust " + gustVersion() + "\n"
        + "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
        + ", " + System.getProperty("java.vendor") + ")\n";
  }

  /** The version the build wrote into {@code version.properties}; "unknown" without it. */
  static String gustVersion() {
    Properties properties = new Properties();
    try (InputStream in = CommandHelp.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}

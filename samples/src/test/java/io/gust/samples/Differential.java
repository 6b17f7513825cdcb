package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real curl and Gust's fetch (in-process) with the same options and compares what they
 * leave behind: exit code and stdout, with a -w line that shows the status, the redirect count
 * and the effective URL. Shared by the differential tests of fetch.
 */
final class Differential {
  static final String WRITE_OUT = "\\n[%{http_code} %{num_redirects} %{url_effective}]";

  private Differential() {}

  /** Skips the calling class when curl is missing, or fails it under CI=true. */
  static void requireCurl() {
    boolean curl = curlAvailable();
    if (!curl && "true".equals(System.getenv("CI"))) {
      fail("curl is required under CI=true for the differential test of fetch");
    }
    assumeTrue(curl, "curl not found on PATH: the differential test of fetch is skipped");
  }

  static void assertAgree(List<String> options, String url) throws Exception {
    assertAgree(options, url, true);
  }

  static void assertAgree(List<String> options, String url, boolean wholeOutput)
      throws Exception {
    Outcome curl = curl(options, url);
    Outcome fetch = fetch(options, url);
    assertEquals(curl.render(wholeOutput), fetch.render(wholeOutput),
        () -> "fetch stderr: " + fetch.stderr + "\ncurl stderr: " + curl.stderr);
  }

  /** What a run left behind that must agree: exit code and stdout bytes. */
  record Outcome(int exitCode, byte[] stdout, String stderr) {
    String render() {
      return render(true);
    }

    /** Exit code and stdout, with Date field values masked: the two runs may straddle a second. */
    String render(boolean wholeOutput) {
      String out = new String(stdout, StandardCharsets.ISO_8859_1)
          .replaceAll("(?mi)^(Date): [^\r\n]*", "$1: (masked)");
      return "exit " + exitCode + (wholeOutput ? "\n" + out : "");
    }
  }

  static Outcome fetch(List<String> options, String url) {
    List<String> args = new ArrayList<>(options);
    args.addAll(List.of("-sS", "-w", WRITE_OUT, url));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = FetchCommand.run(args.toArray(new String[0]), out, new PrintStream(err, true));
    return new Outcome(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  static Outcome curl(List<String> options, String url) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-q", "--noproxy", "*"));
    command.addAll(options);
    command.addAll(List.of("-sS", "-w", WRITE_OUT, url));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(key -> key.toLowerCase().endsWith("_proxy"));
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] stdout = process.getInputStream().readAllBytes();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("curl did not finish");
    }
    return new Outcome(process.exitValue(), stdout, stderr);
  }

  private static boolean curlAvailable() {
    try {
      Process process = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}

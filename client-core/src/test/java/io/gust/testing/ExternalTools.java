package io.gust.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds programs that interoperability tests run (curl, nginx): in PATH or /usr/sbin. A missing
 * one skips the test with a clear message, except under {@code CI=true}, where CI installs them
 * and a missing one fails the test.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** The program's path, or null when it is not installed. */
  public static Path find(String name) {
    List<String> dirs = new ArrayList<>(
        List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.add("/usr/sbin");
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The program's path; skips the calling test when it is missing, or fails it under CI. */
  public static Path require(String name) {
    Path found = find(name);
    requirePresent(found != null, name);
    return found;
  }

  /**
   * Skips the calling test when {@code present} is false, or fails it under CI; {@code what}
   * names the missing software (a program, Debian packages).
   */
  public static void requirePresent(boolean present, String what) {
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(what + " is required on CI (.ci/run installs it)");
    }
    Assumptions.assumeTrue(present,
        what + " is not installed; skipping the " + what + " interoperability tests");
  }
}

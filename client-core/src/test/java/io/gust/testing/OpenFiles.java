package io.gust.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counts this process's open file descriptors (Linux: {@code /proc/self/fd}) so that a test can
 * assert it leaked none.
 *
 * <p>Take {@link #count()} once the fixtures that outlive the test (loops, listening sockets) are
 * open, then after the test call {@link #awaitAtMost}: it polls until the count is back down, so
 * closes that finish on another thread are not mistaken for leaks, and names what is still open
 * when they never come.
 */
public final class OpenFiles {
  private static final Path FD_DIR = Path.of("/proc/self/fd");

  private OpenFiles() {}

  /** True when this platform lets us count descriptors. */
  public static boolean isSupported() {
    return Files.isDirectory(FD_DIR);
  }

  /** The number of descriptors open now. */
  public static int count() {
    try (Stream<Path> fds = Files.list(FD_DIR)) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until at most {@code expected} descriptors are open, polling for up to {@code within};
   * throws an {@link AssertionError} listing the open descriptors if that never happens.
   */
  public static void awaitAtMost(int expected, Duration within) {
    Eventually.noComplaint(within, () -> {
      int count = count();
      return count <= expected ? null : "expected at most " + expected
          + " open file descriptors but " + count + " are open: " + describe();
    });
  }


  /** Each open descriptor and what it points to, such as {@code 12 -> socket:[4711]}. */
  public static List<String> describe() {
    List<String> result = new ArrayList<>();
    try (Stream<Path> fds = Files.list(FD_DIR)) {
      fds.forEach(fd -> result.add(fd.getFileName() + " -> " + target(fd)));
    } catch (IOException e) {
      result.add("cannot list: " + e);
    }
    return result;
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return "(closed)";
    }
  }
}

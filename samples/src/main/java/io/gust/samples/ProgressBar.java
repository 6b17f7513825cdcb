package io.gust.samples;

import io.gust.client.ProgressListener;
import java.io.PrintStream;

/**
 * curl's progress bar for {@code fetch}: a line of {@code #} on stderr, redrawn at most ten times
 * a second, for downloads over 1 MiB. Hears progress on the loop thread and draws on the output's
 * writer thread, so the loop never waits for the terminal.
 */
final class ProgressBar implements ProgressListener {
  static final long THRESHOLD_BYTES = 1024 * 1024;
  private static final int WIDTH = 50;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final FetchOutput output;
  private final PrintStream stderr;
  /** When the bar was last drawn; loop-confined. */
  private long drawnAtNanos;
  /** Whether the bar has been drawn at all; read after the transfer to end its line. */
  private volatile boolean shown;

  ProgressBar(FetchOutput output, PrintStream stderr) {
    this.output = output;
    this.stderr = stderr;
  }

  @Override
  public void onProgress(long bytesSent, long sendTotal, long bytesReceived, long receiveTotal) {
    long size = Math.max(receiveTotal, bytesReceived);
    long now = System.nanoTime();
    boolean last = receiveTotal > 0 && bytesReceived == receiveTotal;
    if (size <= THRESHOLD_BYTES || (!last && now - drawnAtNanos < REDRAW_NANOS)) {
      return;
    }
    drawnAtNanos = now;
    shown = true;
    String line = render(bytesReceived, receiveTotal);
    output.later(() -> stderr.print(line), stderr);
  }

  /** Ends the bar's line once the transfer is over. */
  void finish() {
    if (shown) {
      output.later(stderr::println, stderr);
    }
  }

  static String render(long received, long total) {
    int filled = total > 0 ? (int) (WIDTH * received / total)
        : (int) (received / THRESHOLD_BYTES % (WIDTH + 1));
    String percent = total > 0 ? String.format(" %5.1f%%", 100.0 * received / total) : "";
    return "\r" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + percent
        + String.format(" %8.1f MiB", received / (double) THRESHOLD_BYTES);
  }
}

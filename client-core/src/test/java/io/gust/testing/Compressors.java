package io.gust.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compresses bytes with Debian's command-line tools ({@code brotli}, {@code zstd}), so decoders
 * are tested on what real encoders produce rather than on their own library's output.
 */
public final class Compressors {
  private Compressors() {}

  /**
   * Compresses {@code input} for a content coding ({@code br} or {@code zstd}) with its tool;
   * skips the test when the tool is missing.
   */
  public static byte[] compress(String coding, byte[] input) throws Exception {
    return compress(coding, input, new String[0]);
  }

  /** Like {@link #compress(String, byte[])}, passing {@code toolOptions} to the tool. */
  public static byte[] compress(String coding, byte[] input, String... toolOptions)
      throws Exception {
    String tool = coding.equals("br") ? "brotli" : coding;
    Path program = ExternalTools.require(tool);
    Path dir = Files.createTempDirectory("gust-" + tool);
    Path source = Files.write(dir.resolve("in"), input);
    try {
      // brotli's -q is the quality; zstd's silences its progress output.
      List<String> command = new ArrayList<>(List.of(program.toString(), "-c"));
      if (tool.equals("zstd")) {
        command.add("-q");
      }
      command.addAll(List.of(toolOptions));
      command.add(source.toString());
      ToolRun run = ToolRun.run(dir, Duration.ofSeconds(60), command);
      if (run.exit() != 0) {
        throw new AssertionError(tool + " failed: " + run.stderr());
      }
      return run.stdout();
    } finally {
      for (String name : new String[] {"in", "stdout", "stderr"}) {
        Files.deleteIfExists(dir.resolve(name));
      }
      Files.delete(dir);
    }
  }
}

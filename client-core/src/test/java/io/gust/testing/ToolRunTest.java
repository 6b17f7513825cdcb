package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Running a program to its end: its output, its exit code, and the bound on its time. */
@Timeout(30)
class ToolRunTest {
  @TempDir Path dir;

  @Test
  void keepsStdoutStderrAndTheExitCodeApart() throws Exception {
    ToolRun run = ToolRun.run(dir, Duration.ofSeconds(10),
        List.of("sh", "-c", "printf 'out put'; printf 'err or' >&2; exit 3"));
    assertEquals(3, run.exit());
    assertEquals("out put", run.out());
    assertEquals("err or", run.stderr());
  }

  @Test
  void mergedStderrLandsInStdout() throws Exception {
    ToolRun run = ToolRun.run(dir, Duration.ofSeconds(10),
        new ProcessBuilder("sh", "-c", "printf a; printf b >&2").redirectErrorStream(true));
    assertEquals(0, run.exit());
    assertEquals("ab", run.out());
    assertEquals("", run.stderr());
  }

  @Test
  void programPastItsLimitFailsTheTestAndIsKilled() throws Exception {
    Path pid = dir.resolve("pid");
    AssertionError late = assertThrows(AssertionError.class, () -> ToolRun.run(dir,
        Duration.ofSeconds(1), List.of("sh", "-c", "echo $$ > " + pid + "; exec sleep 60")));
    assertTrue(late.getMessage().startsWith("sh did not finish within"), late.getMessage());
    long id = Long.parseLong(Files.readString(pid).trim());
    assertTrue(ProcessHandle.of(id).map(handle -> !handle.isAlive()).orElse(true),
        "the program was killed");
  }
}

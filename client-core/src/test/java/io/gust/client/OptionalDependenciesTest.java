package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.TestServer;
import io.gust.testing.ToolRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer and OpenTelemetry are optional dependencies: an application that fetches without
 * them must not load a class of theirs (or it would fail where they are absent). Checked in a
 * fresh JVM, with both on its class path, so that only Gust's own code could load them.
 */
@Timeout(60)
class OptionalDependenciesTest {

  /** The fresh JVM's program: a plain fetch from the companion server, with an event listener. */
  public static void main(String[] args) throws Exception {
    try (TestServer server = TestServer.start();
        AsyncHttpClient client = AsyncHttpClient.builder()
            .eventListenerFactory(request -> new EventListener() { }).build()) {
      HttpResponse response = client.fetch(server.url("/echo").toString()).get(10,
          TimeUnit.SECONDS);
      System.out.println("fetched " + response.code());
    }
  }

  @Test
  void aPlainFetchLoadsNoMicrometerOrOpenTelemetryClass(@TempDir Path dir) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    assertTrue(classPath.contains("micrometer-core"), "micrometer-core is on the class path");
    assertTrue(classPath.contains("opentelemetry-api"), "opentelemetry-api is on the class path");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-verbose:class");
    command.add("-cp");
    command.add(classPath);
    command.add(OptionalDependenciesTest.class.getName());
    ToolRun run = ToolRun.run(dir, Duration.ofSeconds(50),
        new ProcessBuilder(command).redirectErrorStream(true));
    String log = run.out();
    assertEquals(0, run.exit(), log.length() > 4000 ? log.substring(log.length() - 4000) : log);
    assertTrue(log.contains("fetched 200"), "the fetch did not run");
    assertTrue(log.contains("io.gust.client.TimingRecorder"), "class loading was not logged");
    for (String line : log.split("\n")) {
      assertTrue(!line.contains(" io.micrometer.") && !line.contains(" io.opentelemetry."),
          line);
    }
  }
}

package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gust.server.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the archive the package phase built ({@code target/gust-VERSION.tar.gz}) into an empty
 * folder as a user would, with tar, and runs its launcher: the version, a fetch against the
 * companion server (started here), curl's exit codes, the class data sharing archive the first
 * fetch makes, and the bash completion. Runs in the integration-test phase, after the package.
 */
@Timeout(120)
class GustArchiveEndToEndTest {
  @TempDir Path dir;
  private HttpServer server;
  private Path gust;
  private Map<String, String> env;

  @BeforeEach
  void install() throws Exception {
    String archive = System.getProperty("gust.archive");
    assumeTrue(archive != null, "runs after the package phase: mvn -pl samples -am verify");
    Path tarball = Path.of(archive);
    assertTrue(Files.isRegularFile(tarball), "no archive at " + tarball);
    env = Map.of("JAVA_HOME", System.getProperty("java.home"), "HOME", dir.toString(),
        "GUST_OPTS", "", "JAVA_OPTS", "");
    ProcessRun untar = ProcessRun.of(dir, env, 60,
        List.of("tar", "xzf", tarball.toString(), "-C", dir.toString()));
    assertEquals(0, untar.code(), untar.toString());
    Path home = dir.resolve("gust-" + System.getProperty("gust.version"));
    gust = home.resolve("bin/gust");
    server = HttpServer.builder().testRoutes().build().start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ProcessRun gust(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(gust.toString()));
    command.addAll(List.of(args));
    return ProcessRun.of(dir, env, 60, command);
  }

  @Test
  void holdsTheLauncherTheJarTheCompletionAndTheDocuments() {
    Path home = gust.getParent().getParent();
    assertTrue(Files.isExecutable(gust));
    for (String file : List.of("lib/gust.jar", "completion/gust", "README.md", "GUIDE.md",
        "LICENSE", "CHANGELOG.md")) {
      assertTrue(Files.isRegularFile(home.resolve(file)), file);
    }
    assertFalse(Files.exists(home.resolve("lib/gust.jsa")), "an archive for another path");
  }

  @Test
  void versionNamesGustsVersionAndTheJava() throws Exception {
    ProcessRun run = gust("--version");
    assertEquals(0, run.code(), run.toString());
    assertEquals("gust " + System.getProperty("gust.version"), run.stdout().lines().findFirst()
        .orElse(""));
    assertTrue(run.stdout().contains("java " + System.getProperty("java.version")), run.stdout());
  }

  @Test
  void fetchWritesTheBodyAndLaterFetchesUseTheArchiveTheFirstMade() throws Exception {
    String url = server.url("/get").toString();
    ProcessRun first = gust("fetch", url);
    assertEquals(new ProcessRun(0, "get\n", ""), first);
    Path jsa = gust.getParent().getParent().resolve("lib/gust.jsa");
    assertTrue(Files.isRegularFile(jsa), "the first fetch made the archive");
    ProcessRun second = gust("fetch", "-s", "-i", url);
    assertEquals(0, second.code(), second.toString());
    assertTrue(second.stdout().startsWith("HTTP/1.1 200 OK\r\n"), second.stdout());
    assertTrue(second.stdout().endsWith("\r\n\r\nget\n"), second.stdout());
    assertEquals("", second.stderr());
  }

  @Test
  void fetchExitsWithCurlsCodes() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    ProcessRun refused = gust("fetch", "http://127.0.0.1:" + closed + "/");
    assertEquals(CurlError.COULD_NOT_CONNECT, refused.code(), refused.toString());
    assertTrue(refused.stderr().startsWith("fetch: (7) "), refused.stderr());
    ProcessRun failed = gust("fetch", "-sf", server.url("/status/404").toString());
    assertEquals(CurlError.HTTP_RETURNED_ERROR, failed.code(), failed.toString());
    assertEquals("", failed.stdout());
    ProcessRun usage = gust("fetch");
    assertEquals(CurlError.USAGE, usage.code(), usage.toString());
    assertEquals(0, gust("fetch", "--help").code());
    assertFalse(Files.exists(gust.getParent().getParent().resolve("lib/gust.jsa")),
        "a failed fetch or a help text trained the archive");
  }

  @Test
  void everyCommandAnswersHelp() throws Exception {
    for (String command : List.of("fetch", "serve", "bench", "demo", "ws", "example")) {
      ProcessRun run = gust(command, "--help");
      assertEquals(0, run.code(), run.toString());
      assertTrue(run.stdout().startsWith("usage: gust " + command), run.stdout());
    }
    assertEquals(2, gust("nosuch").code());
  }

  @Test
  void bashCompletesCommandsAndFetchFlags() throws Exception {
    Path completion = gust.getParent().getParent().resolve("completion/gust");
    String script = "source '" + completion + "'\n"
        + "COMP_WORDS=(gust fe); COMP_CWORD=1; _gust; echo \"${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(gust fetch --max-); COMP_CWORD=2; _gust; echo \"${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(gust bench --client ok); COMP_CWORD=3; _gust; echo \"${COMPREPLY[*]}\"\n";
    ProcessRun run = ProcessRun.of(dir, env, 30, List.of("bash", "-c", script));
    assertEquals(new ProcessRun(0, "fetch\n--max-redirs --max-time\nokhttp\n", ""), run);
  }
}

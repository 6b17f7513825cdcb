package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.resolver.ThreadedResolver;
import io.gust.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Compiles and runs small applications on the module path against the modules as built, so that
 * the module descriptors are what is checked: the supported packages are exported, the codec
 * and socket plumbing are not.
 */
@Timeout(120)
class ModuleBoundaryTest {
  @TempDir Path dir;

  /** The built modules and their dependencies, located from classes the test can load. */
  private static String modulePath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (Class<?> type : List.of(AsyncHttpClient.class, ThreadedResolver.class, Buffer.class,
        kotlin.Unit.class, Logger.class)) {
      entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private Path writeApp(String name, String source) throws Exception {
    Path src = dir.resolve(name).resolve("src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"),
        "module app { requires io.gust.resolver; }\n");
    Files.writeString(src.resolve("app/Main.java"), source);
    return src;
  }

  /** Compiles an application module; returns javac's exit code, its messages in {@code log}. */
  private int compile(Path src, Path out, StringBuilder log) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--module-path", modulePath(), "-d",
        out.toString()));
    try (Stream<Path> files = Files.walk(src)) {
      args.addAll(files.filter(p -> p.toString().endsWith(".java")).map(Path::toString)
          .collect(Collectors.toList()));
    }
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int code = javac.run(null, messages, messages, args.toArray(new String[0]));
    log.append(messages.toString(StandardCharsets.UTF_8));
    return code;
  }

  @Test
  void anApplicationFetchesImportingOnlyTheClientPackage() throws Exception {
    Path src = writeApp("ok", String.join("\n",
        "package app;",
        "import io.gust.client.AsyncHttpClient;",
        "import io.gust.client.HttpResponse;",
        "public class Main {",
        "  public static void main(String[] args) throws Exception {",
        "    try (AsyncHttpClient client = AsyncHttpClient.builder()",
        "        .resolver(new io.gust.resolver.ThreadedResolver(1)).build()) {",
        "      HttpResponse response = client.fetch(args[0]).get();",
        "      System.out.println(response.code() + \" \" + response.bodyString());",
        "    }",
        "  }",
        "}", ""));
    Path out = dir.resolve("ok/out");
    StringBuilder log = new StringBuilder();
    assertEquals(0, compile(src, out, log), log.toString());

    try (TestServer server = TestServer.start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(java, "--module-path",
          out + File.pathSeparator + modulePath(), "-m", "app/app.Main",
          server.url("/hello").toString())
          .redirectErrorStream(true).start();
      String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue(), printed);
      assertTrue(printed.contains("200 hello"), printed);
    }
  }

  @Test
  void theCodecAndSocketPackagesAreNotVisible() throws Exception {
    for (String hidden : List.of("io.gust.http.Http1Writer", "io.gust.net.ChannelStream")) {
      String name = hidden.substring(hidden.lastIndexOf('.') + 1);
      Path src = writeApp(name, String.join("\n",
          "package app;",
          "import " + hidden + ";",
          "public class Main {",
          "  public static void main(String[] args) { System.out.println(" + name + ".class); }",
          "}", ""));
      StringBuilder log = new StringBuilder();
      assertFalse(compile(src, dir.resolve(name + "/out"), log) == 0, hidden + " compiled");
      String pkg = hidden.substring(0, hidden.lastIndexOf('.'));
      assertTrue(log.toString().contains("package " + pkg + " is not visible"), log.toString());
    }
  }
}

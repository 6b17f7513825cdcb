package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code java} block of the README against the built modules, so that the
 * examples users copy stay true. A block that declares a type is compiled as it is (with the
 * imports below); any other block becomes the body of a method that may throw, in a class with
 * a field {@code client} and a field {@code url}, so a block may use them without declaring
 * them.
 */
@Timeout(120)
class ReadmeSnippetsTest {
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  static final String IMPORTS = String.join("\n",
      "import io.gust.client.*;",
      "import io.gust.concurrent.*;",
      "import io.gust.resolver.*;",
      "import java.net.URI;",
      "import java.nio.file.*;",
      "import java.time.*;",
      "import java.util.*;",
      "import java.util.concurrent.*;",
      "");

  @TempDir Path dir;

  static List<String> blocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(markdown);
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  static String unit(String name, String block) {
    return unit(name, block, IMPORTS);
  }

  /** {@code block} as a compilation unit named {@code name}, after {@code imports}. */
  static String unit(String name, String block, String imports) {
    if (block.matches("(?sm).*^(public |final )*(class|interface|record|enum) .*")) {
      return "package snippets;\n" + imports + block.replaceFirst(
          "(?m)^(public )?((final )?(class|interface|record|enum)) \\w+",
          "$2 " + name);
    }
    return "package snippets;\n" + imports
        + "@SuppressWarnings(\"unused\")\n"
        + "class " + name + " {\n"
        + "  AsyncHttpClient client;\n"
        + "  String url = \"http://localhost:8080/\";\n"
        + "  void run() throws Exception {\n" + block + "\n  }\n}\n";
  }

  /**
   * Compiles each block as a unit of its own (after {@code imports}) under {@code dir}, against
   * the test class path; asserts that javac accepts them all, showing its messages otherwise.
   */
  static void assertCompiles(Path dir, List<String> blocks, String imports) throws Exception {
    List<String> files = new ArrayList<>();
    Path src = Files.createDirectories(dir.resolve("src/snippets"));
    for (int i = 0; i < blocks.size(); i++) {
      Path file = src.resolve("Snippet" + i + ".java");
      Files.writeString(file, unit("Snippet" + i, blocks.get(i), imports));
      files.add(file.toString());
    }
    List<String> args = new ArrayList<>(List.of("-proc:none", "-d",
        dir.resolve("out").toString(), "-cp", System.getProperty("java.class.path")
            + File.pathSeparator + System.getProperty("surefire.test.class.path", "")));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int code = javac.run(null, messages, messages, args.toArray(new String[0]));
    assertEquals(0, code, messages.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyJavaBlockOfTheReadmeCompiles() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> blocks = blocks(readme);
    assertTrue(blocks.size() >= 12, "README has " + blocks.size() + " java blocks");
    assertCompiles(dir, blocks, IMPORTS);
  }
}

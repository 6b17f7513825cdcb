package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code java} block of the user guide (samples/GUIDE.md) the way
 * {@link ReadmeSnippetsTest} compiles the README's, with the guide's wider imports, the code
 * blocks of client-core's javadoc overview likewise, and checks that the README and the overview
 * link to the guide.
 */
@Timeout(120)
class GuideSnippetsTest {
  static final String IMPORTS = ReadmeSnippetsTest.IMPORTS
      + "import io.gust.loop.*;\nimport io.gust.server.*;\n"
      + "import org.slf4j.Logger;\nimport org.slf4j.LoggerFactory;\n";

  private static final Path OVERVIEW =
      Path.of("..", "client-core", "src", "main", "javadoc", "overview.html");

  @TempDir Path dir;

  @Test
  void everyJavaBlockOfTheGuideCompiles() throws Exception {
    List<String> blocks = ReadmeSnippetsTest.blocks(Files.readString(Path.of("GUIDE.md")));
    assertTrue(blocks.size() >= 15, "the guide has " + blocks.size() + " java blocks");
    ReadmeSnippetsTest.assertCompiles(dir, blocks, IMPORTS);
  }

  @Test
  void everyCodeBlockOfTheJavadocOverviewCompiles() throws Exception {
    Matcher code = Pattern.compile("<pre>\\{@code\\n(.*?)\\n}</pre>", Pattern.DOTALL)
        .matcher(Files.readString(OVERVIEW));
    List<String> blocks = new ArrayList<>();
    while (code.find()) {
      blocks.add(code.group(1));
    }
    assertTrue(blocks.size() >= 2, "the overview has " + blocks.size() + " code blocks");
    ReadmeSnippetsTest.assertCompiles(dir, blocks, IMPORTS);
  }

  @Test
  void theReadmeAndTheJavadocOverviewLinkToTheGuide() throws Exception {
    assertTrue(Files.readString(Path.of("..", "README.md")).contains("(samples/GUIDE.md)"));
    assertTrue(Files.readString(OVERVIEW).contains("samples/GUIDE.md"));
  }
}

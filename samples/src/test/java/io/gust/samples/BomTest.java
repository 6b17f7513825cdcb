package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM has no parent, so nothing else keeps its versions in step with the build's. */
class BomTest {
  private static final Pattern MODULE_ARTIFACT = Pattern.compile(
      "<artifactId>(gust-[a-z-]+)</artifactId>\\s*<version>([^<]+)</version>");

  @Test
  void theBomNamesEveryModuleAtTheBuildsVersion() throws Exception {
    String parent = Files.readString(Path.of("..", "pom.xml"));
    Matcher version = Pattern.compile("<artifactId>gust-parent</artifactId>\\s*<version>([^<]+)"
        + "</version>").matcher(parent);
    assertTrue(version.find());
    String bom = Files.readString(Path.of("..", "client-core", "bom", "pom.xml"));
    Matcher entries = MODULE_ARTIFACT.matcher(bom);
    List<String> named = new ArrayList<>();
    while (entries.find()) {
      assertEquals(version.group(1), entries.group(2), entries.group(1));
      named.add(entries.group(1));
    }
    assertEquals(List.of("gust-bom", "gust-client-core", "gust-client-resolver", "gust-samples"),
        named);
  }
}

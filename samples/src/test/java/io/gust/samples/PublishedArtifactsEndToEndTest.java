package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gust.server.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds an application the way a user would, against the modules as a repository serves them:
 * a fresh Maven project that imports gust-bom and depends on gust-client-core and
 * gust-client-resolver, resolved from the repository that verify staged ({@code
 * target/staging-repo}) into an empty local repository, offline, with no reactor in sight. Its
 * main class is the README's first example (pointed at the companion server started here) plus
 * one fetch whose answer it prints. Plugins come from the build's own local repository, read as
 * a file mirror, so the run needs no network.
 */
@Timeout(240)
class PublishedArtifactsEndToEndTest {
  @TempDir Path dir;

  @Test
  void theReadmeExampleCompilesAndRunsAgainstTheStagedArtifacts() throws Exception {
    String staging = System.getProperty("gust.staging");
    assumeTrue(staging != null, "runs after the modules are staged: mvn -pl samples -am verify");
    assertTrue(Files.isDirectory(Path.of(staging, "io", "gust", "gust-client-core")),
        "nothing staged in " + staging);
    Files.writeString(dir.resolve("settings.xml"), settings(Path.of(staging)));
    Files.writeString(dir.resolve("pom.xml"), pom(System.getProperty("gust.version")));
    Path sources = Files.createDirectories(dir.resolve("src/main/java/snippets"));
    String readme = Files.readString(Path.of("..", "README.md"));
    Files.writeString(sources.resolve("Example.java"),
        example(ReadmeSnippetsTest.blocks(readme).get(0)));

    try (HttpServer server = HttpServer.builder().testRoutes().build().start()) {
      String base = server.url("/").toString().replaceFirst("/$", "");
      ProcessRun build = ProcessRun.of(dir, Map.of("JAVA_HOME", System.getProperty("java.home"),
          "MAVEN_OPTS", "", "MAVEN_ARGS", ""), 200, List.of(
          Path.of(System.getProperty("gust.maven.home"), "bin", "mvn").toString(),
          "-o", "-B", "-q", "-s", "settings.xml", "-Daether.offline.protocols=file",
          "compile", "exec:java", "-Dexec.mainClass=snippets.Example", "-Dexec.args=" + base));
      assertEquals(0, build.code(), build.toString());
      assertTrue(build.stdout().contains("fetched get\n"), build.toString());
    }
    try (Stream<Path> files = Files.walk(dir.resolve("repo/io/gust"))) {
      List<Path> origins = files.filter(f -> f.endsWith("_remote.repositories")).toList();
      assertTrue(origins.size() >= 4, "resolved " + origins);
      for (Path origin : origins) {
        String text = Files.readString(origin);
        assertTrue(text.contains(">gust-staging=") && !text.contains(">cached="), origin + text);
      }
    }
  }

  private String settings(Path staging) {
    return """
        <settings>
          <localRepository>%s</localRepository>
          <mirrors>
            <mirror>
              <id>cached</id>
              <mirrorOf>*,!gust-staging</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
          <profiles>
            <profile>
              <id>staged</id>
              <repositories>
                <repository>
                  <id>gust-staging</id>
                  <url>%s</url>
                  <snapshots><enabled>true</enabled></snapshots>
                </repository>
              </repositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>staged</activeProfile></activeProfiles>
        </settings>
        """.formatted(dir.resolve("repo"), Path.of(System.getProperty("gust.m2")).toUri(),
        staging.toUri());
  }

  private static String pom(String version) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>uses-gust</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>io.gust</groupId>
                <artifactId>gust-bom</artifactId>
                <version>%s</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>io.gust</groupId>
              <artifactId>gust-client-core</artifactId>
            </dependency>
            <dependency>
              <groupId>io.gust</groupId>
              <artifactId>gust-client-resolver</artifactId>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-resources-plugin</artifactId>
                <version>3.3.1</version>
              </plugin>
              <plugin>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.15.0</version>
              </plugin>
              <plugin>
                <groupId>org.codehaus.mojo</groupId>
                <artifactId>exec-maven-plugin</artifactId>
                <version>3.5.0</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(version);
  }

  /** The README's block as the start of a main method, its localhost URLs on the given base. */
  private static String example(String block) {
    String body = block.replaceAll("\"http://localhost:8080(/[^\"]*)\"", "args[0] + \"$1\"");
    return "package snippets;\n" + ReadmeSnippetsTest.IMPORTS
        + "public class Example {\n"
        + "  public static void main(String[] args) throws Exception {\n"
        + body + "\n"
        + "    try (AsyncHttpClient client = AsyncHttpClient.create()) {\n"
        + "      System.out.println(\"fetched \" + client.fetch(args[0] + \"/get\").join()"
        + ".bodyString().trim());\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }
}

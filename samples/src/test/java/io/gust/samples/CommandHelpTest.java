package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CommandHelpTest {
  private static final List<String> COMMANDS = List.of("fetch", "serve", "bench", "demo", "ws", "example");

  @Test
  void everyCommandHasHelpWithItsUsageAndExitCodes() {
    for (String command : COMMANDS) {
      String text = CommandHelp.text(command);
      assertNotNull(text, command);
      assertTrue(text.startsWith("usage: gust " + command), command);
      assertTrue(text.contains("exit codes"), command);
      assertTrue(CommandHelp.text("gust").contains("\n  " + command + " "), command);
    }
  }

  @Test
  void fetchHelpListsCurlsExitCodes() {
    String text = CommandHelp.text("fetch");
    for (int code : new int[] {CurlError.COULD_NOT_RESOLVE, CurlError.COULD_NOT_CONNECT,
        CurlError.TIMEOUT, CurlError.TOO_MANY_REDIRECTS, CurlError.PARTIAL_FILE,
        CurlError.WEIRD_REPLY, CurlError.RECEIVE_ERROR, CurlError.PEER_FAILED_VERIFICATION}) {
      assertTrue(Pattern.compile("\\s" + code + "  \\S").matcher(text).find(), "code " + code);
    }
  }

  @Test
  void helpIsAskedByHelpAnywhereOrDashHFirst() {
    assertTrue(CommandHelp.isAsked(new String[] {"--help"}));
    assertTrue(CommandHelp.isAsked(new String[] {"-s", "http://x/", "--help"}));
    assertTrue(CommandHelp.isAsked(new String[] {"-h"}));
    assertFalse(CommandHelp.isAsked(new String[] {"-H", "-h", "http://x/"}));
    assertFalse(CommandHelp.isAsked(new String[0]));
  }

  @Test
  void unknownOrOddNamesHaveNoHelp() {
    assertNull(CommandHelp.text("nosuch"));
    assertNull(CommandHelp.text("../help/fetch"));
  }

  @Test
  void versionIsTheBuildsVersion() throws Exception {
    Matcher version = Pattern.compile("<artifactId>gust-parent</artifactId>\\s*<version>([^<]+)"
        + "</version>").matcher(Files.readString(Path.of("..", "pom.xml")));
    assertTrue(version.find());
    assertEquals(version.group(1), CommandHelp.gustVersion());
    assertTrue(CommandHelp.version().startsWith("gust " + version.group(1) + "\njava "));
  }
}

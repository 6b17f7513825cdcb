package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The optional br and zstd libraries from the outside: a JVM whose class path lacks them, and one
 * that has them but never asks, each run as a child process on Gust's classes.
 */
@Timeout(60)
class WithoutOptionalCodecsTest {
  @Test
  void askingWithoutTheLibraryNamesTheArtifactAndTheDefaultAdvertisesOnlyGzipAndDeflate()
      throws Exception {
    String out = run(false);
    assertTrue(out.contains("available=[GZIP, DEFLATE]"), out);
    assertTrue(out.contains("br: decoding br needs com.aayushatharva.brotli4j:brotli4j"), out);
    assertTrue(out.contains("zstd: decoding zstd needs com.github.luben:zstd-jni"), out);
  }

  @Test
  void aClientThatDoesNotAskNeverLoadsTheLibraries() throws Exception {
    String out = run(true);
    assertTrue(out.contains("default client built"), out);
    assertTrue(out.contains("io.gust.client.ClientConfig"), "no class loading log: " + out);
    assertFalse(out.contains("com.aayushatharva"), out);
    assertFalse(out.contains("com.github.luben"), out);
  }

  /** Runs {@link Child} on Gust's classes, okio, Kotlin and slf4j, and the libraries if asked. */
  private static String run(boolean withLibraries) throws Exception {
    List<String> path = new ArrayList<>(List.of(location(AsyncHttpClient.class),
        location(WithoutOptionalCodecsTest.class), location(okio.Buffer.class),
        location(kotlin.Unit.class), location(org.slf4j.Logger.class)));
    if (withLibraries) {
      path.add(location(com.aayushatharva.brotli4j.Brotli4jLoader.class));
      path.add(location(com.github.luben.zstd.ZstdDecompressCtx.class));
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        String.join(File.pathSeparator, path)));
    if (withLibraries) {
      command.add("-verbose:class");
    }
    command.addAll(List.of(Child.class.getName(), String.valueOf(withLibraries)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child did not finish");
    assertEquals(0, process.exitValue(), out);
    return out;
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** The child JVM: builds a default client, or asks for each optional coding. */
  static final class Child {
    public static void main(String[] args) {
      if (Boolean.parseBoolean(args[0])) {
        AsyncHttpClient.builder().build().close();
        System.out.println("default client built");
        return;
      }
      System.out.println("available=" + ContentCoding.available());
      for (ContentCoding coding : List.of(ContentCoding.BR, ContentCoding.ZSTD)) {
        try {
          AsyncHttpClient.builder().decompress(coding).build().close();
          System.out.println(coding.token() + ": built");
        } catch (IllegalStateException e) {
          System.out.println(coding.token() + ": " + e.getMessage());
        }
      }
    }
  }
}

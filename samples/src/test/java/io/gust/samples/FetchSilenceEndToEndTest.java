package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.HttpServer;
import io.gust.testing.TlsCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code fetch -s} in a JVM of its own, as a script runs it: a successful fetch prints exactly
 * the body and nothing on stderr, every time. Each run is a cold start, when the loop would
 * otherwise load classes and set up TLS (and the watchdog would say so on stderr).
 */
@Timeout(300)
class FetchSilenceEndToEndTest {
  private static final int RUNS = 20;
  private static HttpServer http;
  private static HttpServer https;
  private static Path caFile;

  @BeforeAll
  static void start() throws Exception {
    http = HttpServer.builder().testRoutes().build().start();
    https = HttpServer.builder().testRoutes()
        .tls(TlsCertificates.serverContext(TlsCertificates.SERVER)).build().start();
    caFile = TlsCertificates.writePem(TlsCertificates.CA, Files.createTempFile("gust-ca", ".pem"));
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    https.close();
    Files.deleteIfExists(caFile);
  }

  /** Regression: a watchdog WARN with a stack trace on stderr in about 2 runs out of 5. */
  @Test
  void silentFetchPrintsOnlyTheBody() throws Exception {
    for (int i = 0; i < RUNS; i++) {
      assertSilent(List.of("-s", http.url("/get").toString()));
      assertSilent(List.of("-s", "--cacert", caFile.toString(), https.url("/get").toString()));
    }
  }

  private static void assertSilent(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fetch"));
    command.addAll(args);
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> {
      try {
        return process.getErrorStream().readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "fetch did not finish");
    String errors = new String(stderr.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
    assertEquals("", errors, String.join(" ", args));
    assertEquals("get\n", stdout);
    assertEquals(0, process.exitValue());
  }
}

package io.gust.samples;

import static io.gust.samples.Differential.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Compressors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fetch {@code --compressed} with br and zstd against curl: bodies made by Debian's brotli and
 * zstd tools and what each asks for in Accept-Encoding; and a truncated stream, where fetch is
 * stricter than curl.
 */
@Timeout(60)
class FetchCompressedVersusCurlTest {
  private static final String TEXT = "decoded by fetch and by curl\n".repeat(2000);
  private static RawServer server;

  @BeforeAll
  static void start() throws Exception {
    Differential.requireCurl();
    byte[] text = TEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] br = Compressors.compress("br", text);
    byte[] zstd = Compressors.compress("zstd", text);
    server = new RawServer()
        .on("/br", (request, out, socket) -> encoded(out, "br", br))
        .on("/zstd", (request, out, socket) -> encoded(out, "zstd", zstd))
        .on("/br-truncated", (request, out, socket) ->
            encoded(out, "br", Arrays.copyOf(br, br.length / 2)))
        .on("/accept-encoding", (request, out, socket) -> {
          String asked = request.head().lines().filter(line -> line.startsWith("Accept-Encoding:"))
              .findFirst().orElse("none") + "\n";
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + asked.length() + "\r\n\r\n" + asked)
              .getBytes(StandardCharsets.ISO_8859_1));
        });
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("/br", List.of("--compressed")),
        Arguments.of("/zstd", List.of("--compressed")),
        Arguments.of("/br", List.of()),
        Arguments.of("/accept-encoding", List.of("--compressed")),
        Arguments.of("/accept-encoding", List.of()));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void agreesWithCurl(String path, List<String> options) throws Exception {
    assertAgree(options, server.url(path));
  }

  /**
   * Where fetch departs from curl on purpose: curl 7.88 prints a cut br stream's output and exits
   * 0; fetch reports the truncation as curl does for a short body (18), never silently.
   */
  @Test
  void aTruncatedBrStreamIsReportedNotSilentlyAccepted() {
    Differential.Outcome fetch = Differential.fetch(List.of("--compressed"),
        server.url("/br-truncated"));
    assertEquals(18, fetch.exitCode(), fetch.stderr());
    assertTrue(fetch.stderr().contains("br stream truncated"), fetch.stderr());
  }

  private static void encoded(OutputStream out, String coding, byte[] bytes) throws IOException {
    out.write(("HTTP/1.1 200 OK\r\nContent-Encoding: " + coding + "\r\nContent-Length: "
        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
  }
}

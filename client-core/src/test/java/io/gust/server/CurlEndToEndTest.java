package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Curl;
import io.gust.testing.ExternalTools;
import io.gust.testing.TestServerExtension;
import io.gust.testing.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server against curl, a client Gust did not write. Skipped without curl unless CI=true. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CurlEndToEndTest {
  @RegisterExtension
  final TestServerExtension server = new TestServerExtension();

  @TempDir
  Path dir;

  @BeforeAll
  static void requireCurl() {
    ExternalTools.require("curl");
  }

  private ToolRun curl(String... args) throws IOException, InterruptedException {
    return Curl.run(dir, args);
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  @Test
  void twoUrlsInOneInvocationReuseTheConnection() throws Exception {
    ToolRun run = curl("-v", url("/hello"), url("/second"));
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("hello\nhandle second request\n", run.out());
    assertTrue(run.stderr().contains("Re-using existing connection"), run.stderr());
    assertEquals(1, server.server().acceptedConnections());
  }

  @Test
  void chunkedUploadIsEchoedDechunked() throws Exception {
    byte[] body = new byte[200_000];
    new java.util.Random(1).nextBytes(body);
    Path file = Files.write(dir.resolve("upload.bin"), body);
    ToolRun run = curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + file,
        url("/echo"));
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.out().startsWith("POST /echo HTTP/1.1\r\n"));
    assertTrue(run.out().contains("Transfer-Encoding: chunked\r\n"));
    byte[] tail = Arrays.copyOfRange(run.stdout(), run.stdout().length - body.length,
        run.stdout().length);
    assertArrayEquals(body, tail);
  }

  @Test
  void chunkedDownloadArrivesWhole() throws Exception {
    ToolRun run = curl("-i", url("/stream/3"));
    assertTrue(run.out().contains("Transfer-Encoding: chunked"), run.out());
    assertTrue(run.out().endsWith("chunk 0\nchunk 1\nchunk 2\n"), run.out());
  }

  @Test
  void headShowsTheLengthAndNoBody() throws Exception {
    ToolRun run = curl("-I", url("/bytes/1234"));
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.out().startsWith("HTTP/1.1 200 OK"), run.out());
    assertTrue(run.out().contains("Content-Length: 1234"), run.out());
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBody() throws Exception {
    ToolRun run = curl("-v", "-H", "Expect: 100-continue", "--data-binary", "some body",
        url("/echo"));
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("HTTP/1.1 100 Continue"), run.stderr());
    assertTrue(run.out().endsWith("\r\n\r\nsome body"), run.out());
  }

  @Test
  void tenMebibytesBothWays() throws Exception {
    byte[] body = new byte[10 * 1024 * 1024 - 4096];
    new java.util.Random(2).nextBytes(body);
    Path file = Files.write(dir.resolve("big.bin"), body);
    ToolRun up = curl("--data-binary", "@" + file, url("/echo"));
    assertEquals(0, up.exit(), up.stderr());
    assertArrayEquals(body, Arrays.copyOfRange(up.stdout(), up.stdout().length - body.length,
        up.stdout().length));
    ToolRun down = curl(url("/bytes/" + 10 * 1024 * 1024));
    assertEquals(10 * 1024 * 1024, down.stdout().length);
    assertEquals((byte) (12345 % 251), down.stdout()[12345]);
  }

  @Test
  void gzipIsDecodedByCurl() throws Exception {
    ToolRun run = curl("--compressed", url("/gzip"));
    assertEquals(TestRoutes.GZIP_TEXT, run.out());
  }
}

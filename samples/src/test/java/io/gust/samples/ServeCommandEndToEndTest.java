package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.client.HttpResponse;
import io.gust.testing.TlsCertificates;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ServeCommandEndToEndTest {
  @TempDir Path dir;
  private ServeCommand.Running serve;
  private AsyncHttpClient client;

  @BeforeEach
  void start() throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    Files.writeString(site.resolve("hello.txt"), "static hello\n");
    Files.createDirectories(site.resolve("docs"));
    Files.writeString(site.resolve("docs/index.html"), "<p>index</p>\n");
    Files.createDirectories(site.resolve("empty"));
    Files.writeString(dir.resolve("secret.txt"), "outside the root\n");
    serve = ServeCommand.start(new String[] {"--port", "0", "--dir", site.toString()});
    client = AsyncHttpClient.create();
  }

  @AfterEach
  void stop() {
    client.close();
    serve.close();
  }

  private HttpResponse get(String path) {
    return client.fetch(serve.server().url(path).toString()).join();
  }

  @Test
  void servesTestRoutesBeforeFiles() {
    HttpResponse response = get("/get");
    assertEquals(200, response.code());
    assertEquals("get\n", response.bodyString());
  }

  @Test
  void servesAFileWithItsContentType() {
    HttpResponse response = get("/hello.txt");
    assertEquals(200, response.code());
    assertEquals("static hello\n", response.bodyString());
    assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
  }

  @Test
  void directoryServesItsIndexOr404() {
    assertEquals("<p>index</p>\n", get("/docs/").bodyString());
    assertEquals("text/html; charset=utf-8", get("/docs").header("Content-Type"));
    assertEquals(404, get("/empty/").code());
    assertEquals(404, get("/missing.txt").code());
  }

  @Test
  void refusesDotDotEvenEncoded() throws Exception {
    assertTrue(rawGet("/../secret.txt").startsWith("HTTP/1.1 403 "));
    assertTrue(rawGet("/docs/%2e%2e/%2E%2E/secret.txt").startsWith("HTTP/1.1 403 "));
    assertTrue(rawGet("/..%5csecret.txt").startsWith("HTTP/1.1 403 "));
  }

  @Test
  void refusesASymbolicLinkOutOfTheRoot() throws Exception {
    Path link = dir.resolve("site/escape.txt");
    try {
      Files.createSymbolicLink(link, dir.resolve("secret.txt"));
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return;
    }
    assertEquals(403, get("/escape.txt").code());
  }

  @Test
  void refusesADirectoryLinkOutOfTheRootButServesPlainNestedFiles() throws Exception {
    assertEquals("<p>index</p>\n", get("/docs/index.html").bodyString());
    try {
      Files.createSymbolicLink(dir.resolve("site/docs/out"), dir);
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return;
    }
    assertEquals(403, get("/docs/out/secret.txt").code());
  }

  @Test
  void tlsAnswersAnHttpsFetchTrustedThroughTheWrittenCertificate() throws Exception {
    Path pem = dir.resolve("serve.pem");
    try (ServeCommand.Running https =
        ServeCommand.start(new String[] {"--port", "0", "--tls", "--cert-out", pem.toString()})) {
      assertEquals(pem, https.madeCert());
      String url = https.server().url("/get").toString();
      assertTrue(url.startsWith("https://127.0.0.1:"), url);
      assertEquals("get\n", fetch(0, "-s", "--cacert", pem.toString(), url));
      fetch(60, "-s", url);
    }
  }

  @Test
  void speaksH2cByPriorKnowledgeUnlessToldNotTo() throws Exception {
    io.gust.testing.ExternalTools.require("curl");
    String url = serve.server().url("/get").toString();
    io.gust.testing.ToolRun h2 = io.gust.testing.Curl.run(dir, "-sS", "-o", "/dev/null",
        "-w", "%{http_version}", "--http2-prior-knowledge", url);
    assertEquals("2", h2.out(), h2.stderr());
    try (ServeCommand.Running http11 =
        ServeCommand.start(new String[] {"--port", "0", "--no-http2"})) {
      io.gust.testing.ToolRun refused = io.gust.testing.Curl.run(dir, "-sS", "-o", "/dev/null",
          "--http2-prior-knowledge", http11.server().url("/get").toString());
      assertTrue(refused.exit() != 0, "an HTTP/1.1-only server cannot answer h2c");
    }
  }

  @Test
  void tlsPresentsTheGivenCertificateAndKey() throws Exception {
    Path cert = TlsCertificates.writePem(TlsCertificates.SERVER, dir.resolve("cert.pem"));
    Path key = TlsCertificates.writeKeyPem(TlsCertificates.SERVER, dir.resolve("key.pem"));
    Path ca = TlsCertificates.writePem(TlsCertificates.CA, dir.resolve("ca.pem"));
    try (ServeCommand.Running https = ServeCommand.start(new String[] {"--port", "0", "--tls",
        "--cert", cert.toString(), "--key", key.toString()})) {
      assertNull(https.madeCert());
      assertEquals("get\n",
          fetch(0, "-s", "--cacert", ca.toString(), https.server().url("/get").toString()));
    }
  }

  @Test
  void tlsWithOnlyOneOfCertAndKeyIsAUsageError() throws Exception {
    Path cert = TlsCertificates.writePem(TlsCertificates.SERVER, dir.resolve("cert.pem"));
    String err = usageError("--port", "0", "--tls", "--cert", cert.toString());
    assertTrue(err.contains("--cert and --key go together"), err);
    err = usageError("--port", "0", "--cert-out", dir.resolve("x.pem").toString());
    assertTrue(err.contains("need --tls"), err);
  }

  @Test
  void tlsWithAKeyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
    Path cert = TlsCertificates.writePem(TlsCertificates.SERVER, dir.resolve("cert.pem"));
    Path key = Files.writeString(dir.resolve("key.pem"),
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    String err = usageError("--port", "0", "--tls", "--cert", cert.toString(), "--key",
        key.toString());
    assertTrue(err.contains("openssl pkcs8 -topk8 -nocrypt"), err);
  }

  /** Runs {@code serve ARGS}, which must fail with exit code 2; returns its stderr. */
  private static String usageError(String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ServeCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertTrue(text.contains("usage: serve"), text);
    return text;
  }

  /** Runs {@code fetch ARGS}, expecting exit code {@code expected}; returns its stdout. */
  private static String fetch(int expected, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = FetchCommand.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(expected, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Sends a request target as is: clients normalise dot segments before they send them. */
  private String rawGet(String target) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), serve.server().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** {@code serve} exposes the WebSocket echo of the test routes: a masked "hi" comes back. */
  @Test
  void servesTheWebSocketEcho() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), serve.server().port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /ws/echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      // A final text frame of 2 bytes, masked with the key 1, 2, 3, 4 as a client must.
      out.write(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        head.write(in.read());
      }
      String response = head.toString(StandardCharsets.US_ASCII);
      assertTrue(response.startsWith("HTTP/1.1 101 "), response);
      assertTrue(response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), response);
      byte[] echo = in.readNBytes(4);
      assertEquals("[-127, 2, 104, 105]", java.util.Arrays.toString(echo));
    }
  }
}

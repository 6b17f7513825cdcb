package io.gust.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.AsyncHttpClient;
import io.gust.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
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
}

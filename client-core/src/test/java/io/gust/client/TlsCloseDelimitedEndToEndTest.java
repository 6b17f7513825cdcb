package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.client.HttpsEndToEndTest.failure;
import static io.gust.testing.ScriptedServer.readHead;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gust.testing.ExternalTools;
import io.gust.testing.LeakCheck;
import io.gust.testing.OpenSslServer;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies delimited by the end of a TLS connection, ended with or without close_notify, against
 * an in-process TLS 1.2 server and a real {@code openssl s_server -WWW}.
 */
@Timeout(60)
class TlsCloseDelimitedEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;

  static byte[] body(int size) {
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);
    return body;
  }

  /**
   * A TLS 1.2 server that answers with {@code body} delimited by the connection's end, then
   * closes with close_notify when {@code closeNotify}, or drops TCP without it.
   */
  private ScriptedServer server(byte[] body, boolean closeNotify) throws Exception {
    ScriptedServer server = ScriptedServer.start((socket, index) -> {
      SSLSocket tls = (SSLSocket) TlsCertificates.serverContext(TlsCertificates.SERVER)
          .getSocketFactory().createSocket(socket, null, socket.getPort(), false);
      tls.setUseClientMode(false);
      tls.setEnabledProtocols(new String[] {"TLSv1.2"});
      readHead(tls.getInputStream());
      OutputStream out = tls.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      if (closeNotify) {
        tls.close();
      } else {
        socket.close();
      }
    });
    return leaks.closing(server);
  }

  private static String https(ScriptedServer server) {
    return "https://localhost:" + server.port() + "/";
  }

  private AsyncHttpClient client() {
    return leaks.track(AsyncHttpClient.builder().tls(TlsCertificates.clientOptions()).build());
  }

  private AsyncHttpClient strictClient() {
    return leaks.track(AsyncHttpClient.builder().tls(TlsOptions.builder()
        .sslContext(TlsCertificates.clientContext()).requireCloseNotify(true).build()).build());
  }

  private void assertWholeBody(int size) throws Exception {
    byte[] body = body(size);
    HttpResponse response = await(client().fetch(https(server(body, true))));
    assertArrayEquals(body, response.body().toByteArray());
  }

  private void assertWholeBodyFromOpenSsl(int size) throws Exception {
    OpenSslServer openssl = OpenSslServer.start(ExternalTools.require("openssl"), dir,
        TlsCertificates.SERVER, "-tls1_2");
    leaks.closing(openssl);
    byte[] body = body(size);
    Files.write(dir.resolve("www").resolve("page"), body);
    HttpResponse response =
        await(client().fetch("https://localhost:" + openssl.port() + "/page"));
    assertEquals(200, response.code());
    assertArrayEquals(body, response.body().toByteArray());
  }

  /** Pins: openssl s_server -WWW -tls1_2 (close_notify, then waits for ours) lost a small page. */
  @Test
  void smallPageFromOpenSslOverTls12ArrivesWhole() throws Exception {
    assertWholeBodyFromOpenSsl(114);
  }

  /** Pins: openssl s_server -WWW -tls1_2 delivered about 213 KB of a 260 KB page, then hung. */
  @Test
  void largePageFromOpenSslOverTls12ArrivesWhole() throws Exception {
    assertWholeBodyFromOpenSsl(260 * 1024);
  }

  /** Pins: a TLS 1.2 close_notify after a small close-delimited body lost the body and hung. */
  @Test
  void smallBodyEndedWithCloseNotifyOverTls12ArrivesWhole() throws Exception {
    assertWholeBody(114);
  }

  /** Pins: a TLS 1.2 close_notify after a large close-delimited body lost its tail and hung. */
  @Test
  void largeBodyEndedWithCloseNotifyOverTls12ArrivesWhole() throws Exception {
    assertWholeBody(260 * 1024);
  }

  @Test
  void strictClientReportsACloseDelimitedBodyEndedWithoutCloseNotifyAsTruncated()
      throws Exception {
    ScriptedServer server = server(body(114), false);
    HttpClientException error = failure(strictClient().fetch(https(server)));
    assertInstanceOf(TruncatedBodyException.class, error, error.toString());
    assertEquals(Phase.BODY, error.phase());
  }

  @Test
  void defaultClientAcceptsACloseDelimitedBodyEndedWithoutCloseNotifyAsCurlDoes()
      throws Exception {
    byte[] body = body(260 * 1024);
    HttpResponse response = await(client().fetch(https(server(body, false))));
    assertArrayEquals(body, response.body().toByteArray());
  }

  @Test
  void strictClientAcceptsACloseDelimitedBodyEndedWithCloseNotify() throws Exception {
    byte[] body = body(114);
    HttpResponse response = await(strictClient().fetch(https(server(body, true))));
    assertArrayEquals(body, response.body().toByteArray());
  }

  @Test
  void strictClientAcceptsALengthDelimitedBodyWithoutCloseNotify() throws Exception {
    ScriptedServer server = ScriptedServer.start((socket, index) -> {
      SSLSocket tls = (SSLSocket) TlsCertificates.serverContext(TlsCertificates.SERVER)
          .getSocketFactory().createSocket(socket, null, socket.getPort(), false);
      tls.setUseClientMode(false);
      readHead(tls.getInputStream());
      tls.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
          + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII));
      tls.getOutputStream().flush();
      socket.close();
    });
    leaks.closing(server);
    assertEquals("ok", await(strictClient().fetch(https(server))).bodyString());
  }
}

package io.gust.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ALPN on the companion server, seen from a JDK TLS socket: what it chooses and when. */
@Timeout(30)
class Http2TlsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private HttpServer server;

  @BeforeEach
  void setUp() {
    server = HttpServer.builder().testRoutes().headTimeout(Duration.ofMillis(300))
        .tls(TlsCertificates.serverOptions(TlsCertificates.SERVER)).build().start();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private SSLSocket connect(String... protocols) throws IOException {
    SSLSocket socket = (SSLSocket) TlsCertificates.clientContext().getSocketFactory()
        .createSocket(server.address().getAddress(), server.port());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(protocols);
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  @Test
  void alpnPrefersH2AndFallsBackToHttp11() throws IOException {
    try (SSLSocket both = connect("http/1.1", "h2"); SSLSocket old = connect("http/1.1")) {
      assertEquals("h2", both.getApplicationProtocol());
      assertEquals("http/1.1", old.getApplicationProtocol());
    }
  }

  @Test
  void serverWithoutHttp2NeverChoosesH2() throws IOException {
    server.close();
    server = HttpServer.builder().testRoutes().http2(false)
        .tls(TlsCertificates.serverOptions(TlsCertificates.SERVER)).build().start();
    try (SSLSocket socket = connect("h2", "http/1.1")) {
      assertEquals("http/1.1", socket.getApplicationProtocol());
    }
  }

  @Test
  void h2ClientThatNeverSendsThePrefaceIsClosedAfterTheHeadTimeout() throws IOException {
    try (SSLSocket socket = connect("h2")) {
      assertEquals("h2", socket.getApplicationProtocol());
      byte[] buffer = new byte[4096];
      try {
        while (socket.getInputStream().read(buffer) >= 0) {
          // the server's SETTINGS, then its close
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept a connection without a preface", e);
      } catch (IOException e) {
        // a reset also ends it
      }
      RawConnection.awaitNoConnections(server);
      assertTrue(server.openConnections() == 0);
    }
  }
}

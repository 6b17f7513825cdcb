package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.client.HttpsEndToEndTest.failure;
import static io.gust.client.HttpsEndToEndTest.url;
import static io.gust.testing.ScriptedServer.readHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.net.TlsHandshakeException;
import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTPS failures: certificate problems, a peer that closes without close_notify, stalls. */
@Timeout(60)
class HttpsFailuresEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
  }

  private TestServer httpsServer(HeldCertificate certificate) {
    TestServer server = TestServer.start(
        builder -> builder.tls(TlsCertificates.serverContext(certificate)));
    return leaks.closing(server);
  }

  private ScriptedServer scripted(ScriptedServer.Script script) throws Exception {
    ScriptedServer server = ScriptedServer.start(script);
    return leaks.closing(server);
  }

  private AsyncHttpClient client(TlsOptions options) {
    return leaks.track(AsyncHttpClient.builder().tls(options).build());
  }

  private AsyncHttpClient trustingClient() {
    return client(TlsCertificates.clientOptions());
  }

  private void assertRejected(HeldCertificate certificate, TlsFailure expected) {
    TestServer server = httpsServer(certificate);
    HttpClientException error = failure(trustingClient().fetch(url(server, "/get")));
    assertEquals(Phase.TLS, error.phase(), error.toString());
    // Regression: a failed handshake was a plain HttpClientException, not the connect error its
    // javadoc promised.
    assertInstanceOf(HttpConnectException.class, error);
    assertInstanceOf(HttpTlsException.class, error);
    TlsHandshakeException cause = assertInstanceOf(TlsHandshakeException.class, error.getCause());
    assertEquals(expected, cause.failure(), cause.toString());
    assertTrue(cause.failure().isCertificateProblem());
  }

  @Test
  void wrongHostnameIsRejectedInTheTlsPhase() {
    assertRejected(TlsCertificates.WRONG_HOST, TlsFailure.HOSTNAME_MISMATCH);
  }

  @Test
  void untrustedIssuerIsRejectedInTheTlsPhase() {
    assertRejected(TlsCertificates.UNTRUSTED, TlsFailure.UNTRUSTED_ISSUER);
  }

  @Test
  void expiredCertificateIsRejectedInTheTlsPhase() {
    assertRejected(TlsCertificates.EXPIRED, TlsFailure.EXPIRED);
  }

  @Test
  void insecureSwitchAcceptsEveryBadCertificate() throws Exception {
    AsyncHttpClient insecure =
        client(TlsOptions.builder().insecureTrustAllCertificates().build());
    for (HeldCertificate bad : List.of(TlsCertificates.WRONG_HOST, TlsCertificates.UNTRUSTED,
        TlsCertificates.EXPIRED)) {
      TestServer server = httpsServer(bad);
      assertEquals("get\n", await(insecure.fetch(url(server, "/get"))).bodyString());
    }
  }

  /** A TLS server on {@code socket} that writes {@code response} and drops TCP, no close_notify. */
  private static void answerWithoutCloseNotify(Socket socket, String response) throws Exception {
    SSLSocket tls = (SSLSocket) TlsCertificates.serverContext(TlsCertificates.SERVER)
        .getSocketFactory().createSocket(socket, null, socket.getPort(), false);
    tls.setUseClientMode(false);
    readHead(tls.getInputStream());
    OutputStream out = tls.getOutputStream();
    out.write(response.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    socket.close();
  }

  private static String https(ScriptedServer server, String path) {
    return server.url(path).replace("http://", "https://");
  }

  @Test
  void knownLengthBodyCutShortWithoutCloseNotifyIsTruncated() throws Exception {
    ScriptedServer server = scripted((socket, index) -> answerWithoutCloseNotify(socket,
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"));
    HttpClientException error = failure(trustingClient().fetch(https(server, "/cut")));
    assertInstanceOf(TruncatedBodyException.class, error, error.toString());
    assertEquals(Phase.BODY, error.phase());
  }

  @Test
  void untilCloseBodyEndedWithoutCloseNotifyIsAcceptedAsCurlDoes() throws Exception {
    ScriptedServer server = scripted((socket, index) -> answerWithoutCloseNotify(socket,
        "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it"));
    HttpResponse response = await(trustingClient().fetch(https(server, "/close")));
    assertEquals("all of it", response.bodyString());
  }

  @Test
  void cancellingDuringTheHandshakeClosesTheSocketAndFreesTheSlot() throws Exception {
    CountDownLatch accepted = new CountDownLatch(1);
    ScriptedServer server = scripted((socket, index) -> {
      accepted.countDown();
      release.await(30, TimeUnit.SECONDS);
    });
    AsyncHttpClient client = trustingClient();
    CompletableFuture<HttpResponse> fetch = client.fetch(https(server, "/stall"));
    assertTrue(accepted.await(10, TimeUnit.SECONDS));
    fetch.cancel(true);
    PoolSnapshot pool = client.poolSnapshot().get(5, TimeUnit.SECONDS);
    assertEquals(0, pool.open(), pool.toString());
  }
}

package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.HttpServer;
import io.gust.server.Response;
import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client over HTTPS against the companion server and MockWebServer. */
@Timeout(60)
class HttpsEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  static HttpResponse await(CompletableFuture<HttpResponse> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  static String url(TestServer server, String path) {
    return server.url(path).toString();
  }

  /** The failure of {@code future}, which must fail with an HttpClientException. */
  static HttpClientException failure(CompletableFuture<HttpResponse> future) {
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(future));
    return assertInstanceOf(HttpClientException.class, error.getCause());
  }

  private TestServer httpsServer(HeldCertificate certificate) {
    return httpsServer(TlsCertificates.serverOptions(certificate), builder -> {});
  }

  private TestServer httpsServer(TlsOptions options, Consumer<HttpServer.Builder> customizer) {
    TestServer server = TestServer.start(builder -> customizer.accept(builder.tls(options)));
    return leaks.closing(server);
  }

  private AsyncHttpClient trustingClient() {
    return leaks.track(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext()).build());
  }

  @Test
  void fetchesFromTheCompanionServerOverHttpsWithTlsTimings() throws Exception {
    TestServer server = httpsServer(TlsCertificates.SERVER);
    HttpResponse response = await(trustingClient().fetch(url(server, "/hello")));
    assertEquals("https", server.url("/").getScheme());
    assertEquals("hello\n", response.bodyString());
    assertTrue(response.timings().tls().toNanos() > 0, response.timings().toString());
    assertTrue(response.timings().connect().toNanos() > 0, response.timings().toString());
  }

  @Test
  void fetchesFromMockWebServerOverHttps() throws Exception {
    MockWebServer mock = new MockWebServer();
    leaks.closing(mock);
    mock.useHttps(TlsCertificates.serverContext(TlsCertificates.SERVER).getSocketFactory());
    mock.enqueue(new MockResponse.Builder().body("from mock").build());
    mock.start();
    String url = "https://localhost:" + mock.getPort() + "/m?x=1";
    HttpResponse response = await(trustingClient().fetch(url));
    assertEquals("from mock", response.bodyString());
    RecordedRequest recorded = mock.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/m?x=1", recorded.getTarget());
    assertTrue(recorded.getHandshake() != null, "request came over TLS");
    assertEquals(List.of("localhost"), recorded.getHandshakeServerNames(), "SNI");
  }

  @Test
  void keepAliveReusesOneTlsConnection() throws Exception {
    TestServer server = httpsServer(TlsCertificates.SERVER);
    AsyncHttpClient client = trustingClient();
    HttpResponse first = await(client.fetch(url(server, "/get")));
    for (int i = 0; i < 4; i++) {
      HttpResponse again = await(client.fetch(url(server, "/get")));
      assertTrue(again.isConnectionReused());
      assertEquals(Duration.ZERO, again.timings().tls());
      assertEquals(Duration.ZERO, again.timings().dns());
    }
    assertTrue(first.timings().tls().toNanos() > 0);
    assertEquals(1, server.server().acceptedConnections());
    PoolSnapshot pool = client.poolSnapshot().get(5, TimeUnit.SECONDS);
    assertEquals("https", pool.hosts().get(0).scheme(), pool.toString());
  }

  @Test
  void sixtyFourMebibytesGoBothWaysOverHttps() throws Exception {
    long size = 64L * 1024 * 1024;
    TlsOptions options = TlsCertificates.serverOptions(TlsCertificates.SERVER);
    TestServer server = httpsServer(options, builder -> builder.maxBodyBytes(size));
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext()).maxBodyBytes(size + 4096).build());
    byte[] data = new byte[(int) size];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + (i >>> 13));
    }
    ByteString sent = ByteString.of(data);
    HttpResponse response = await(client.fetch(HttpRequest.newBuilder(server.url("/echo"))
        .post(RequestBody.of(sent, "application/octet-stream")).build()));
    ByteString echoed = response.body();
    assertTrue(echoed.size() > size, "echo size " + echoed.size());
    assertEquals(sent.md5(), echoed.substring((int) (echoed.size() - size)).md5());
  }

  @Test
  void redirectsGoFromHttpToHttpsAndBack() throws Exception {
    TestServer plain = TestServer.start(builder -> builder.get("/redirect-to",
        request -> redirectTo(URI.create(request.queryParameter("url")))));
    leaks.closing(plain);
    TestServer secure = httpsServer(TlsCertificates.serverOptions(TlsCertificates.SERVER),
        builder -> builder.get("/back", request -> redirectTo(plain.url("/get"))));
    URI start = plain.url("/redirect-to?url=" + secure.url("/back"));
    HttpResponse response = await(trustingClient().fetch(start.toString()));
    assertEquals(200, response.code());
    assertEquals("get\n", response.bodyString());
    assertEquals(plain.url("/get"), response.effectiveUri());
    assertEquals(2, response.redirectCount());
  }

  private static Response redirectTo(URI target) {
    return Response.of(302, "").withHeader("Location", target.toString());
  }

  /** A route answering with what the connection's TLS handshake negotiated. */
  private static void tlsRoute(HttpServer.Builder builder) {
    builder.get("/tls", request -> Response.ok(request.tlsInfo().protocol() + " "
        + request.tlsInfo().applicationProtocol() + " "
        + request.tlsInfo().peerCertificates().size()));
  }

  @Test
  void tls13AndTls12BothWork() throws Exception {
    for (String version : List.of("TLSv1.3", "TLSv1.2")) {
      TestServer server = httpsServer(TlsCertificates.serverOptions(TlsCertificates.SERVER),
          HttpsEndToEndTest::tlsRoute);
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
          .tls(TlsOptions.builder().protocols(List.of(version))
              .sslContext(TlsCertificates.clientContext()).build()).build());
      HttpResponse response = await(client.fetch(url(server, "/tls")));
      assertEquals(version + " h2 0", response.bodyString(), "h2 by default, over both");
    }
  }

  @Test
  void clientCertificateAuthenticatesTheClient() throws Exception {
    TlsOptions options = TlsOptions.builder()
        .sslContext(TlsCertificates.serverContext(TlsCertificates.SERVER))
        .clientAuth(TlsOptions.ClientAuth.REQUIRED).build();
    TestServer server = httpsServer(options, HttpsEndToEndTest::tlsRoute);
    AsyncHttpClient withCertificate = leaks.track(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext(TlsCertificates.CLIENT)).build());
    HttpResponse response = await(withCertificate.fetch(url(server, "/tls")));
    assertTrue(response.bodyString().endsWith(" 1"), "client certificate: " + response.bodyString());
    HttpClientException refused = failure(trustingClient().fetch(url(server, "/get")));
    assertTrue(refused.phase().compareTo(Phase.TLS) >= 0, refused.toString());
  }

  @Test
  void postOverHttpsIsEchoed() throws Exception {
    TestServer server = httpsServer(TlsCertificates.SERVER);
    HttpResponse response = await(trustingClient().fetch(HttpRequest.newBuilder(server.url("/echo"))
        .post(RequestBody.of(new Buffer().writeUtf8("secret").readByteString(), "text/plain"))
        .build()));
    assertTrue(response.bodyString().endsWith("\r\n\r\nsecret"), response.bodyString());
  }
}

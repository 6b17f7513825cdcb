package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.client.HttpsEndToEndTest.failure;
import static io.gust.client.HttpsEndToEndTest.url;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.net.TlsProviders;
import io.gust.server.Response;
import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import java.security.KeyStore;
import java.security.Provider;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client over TLS through Conscrypt, named by {@link TlsOptions.Builder#provider}, against
 * the companion server speaking TLS through the JDK: bodies both ways, keep-alive, the trust and
 * host name checks, and the typed errors of a bad setting.
 */
@Timeout(60)
class TlsProviderEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  private TestServer httpsServer(HeldCertificate certificate) {
    TlsOptions options = TlsOptions.builder()
        .sslContext(TlsCertificates.serverContext(certificate)).build();
    TestServer server = TestServer.start(builder -> builder.tls(options)
        .get("/tls", request -> Response.ok(request.tlsInfo().protocol() + " "
            + request.tlsInfo().applicationProtocol())));
    return leaks.closing(server);
  }

  /**
   * A Conscrypt context trusting the test CA only, through Conscrypt's trust manager: the JDK's
   * refuses TLS 1.3 chains from Conscrypt ("Unknown authType: GENERIC").
   */
  private static SSLContext conscryptTrustingTheTestCa() throws Exception {
    Provider conscrypt = TlsProviders.find(TlsProviders.CONSCRYPT);
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", TlsCertificates.CA.certificate());
    TrustManagerFactory trust = TlsProviders.trustManagerFactory(conscrypt);
    assertSame(conscrypt, trust.getProvider());
    trust.init(anchors);
    SSLContext context = SSLContext.getInstance("TLS", conscrypt);
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private AsyncHttpClient client(TlsOptions options) {
    return leaks.track(AsyncHttpClient.builder().tls(options).build());
  }

  @Test
  void conscryptCarriesLargeBodiesBothWaysOverOneKeptConnection() throws Exception {
    TestServer server = httpsServer(TlsCertificates.SERVER);
    SSLContext context = conscryptTrustingTheTestCa();
    assertEquals("Conscrypt", context.getProvider().getName());
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .protocols(Protocol.HTTP_1_1).tls(TlsOptions.builder().sslContext(context).build()).build());
    byte[] upload = new byte[300 * 1024 + 17];
    new Random(7).nextBytes(upload);
    for (int i = 0; i < 3; i++) {
      HttpRequest post = HttpRequest.newBuilder(url(server, "/echo"))
          .post(RequestBody.of(upload)).build();
      HttpResponse response = await(client.fetch(post));
      assertEquals(200, response.code());
      byte[] echoed = response.body().toByteArray();
      assertTrue(echoed.length > upload.length, "round " + i);
      assertArrayEquals(upload, Arrays.copyOfRange(echoed, echoed.length - upload.length,
          echoed.length), "round " + i);
      assertEquals(i > 0, response.isConnectionReused(), "round " + i);
    }
    assertEquals(1, server.server().acceptedConnections());
  }

  @Test
  void conscryptSpeaksTls13AndTls12WithAlpn() throws Exception {
    for (String version : List.of("TLSv1.3", "TLSv1.2")) {
      TestServer server = httpsServer(TlsCertificates.SERVER);
      AsyncHttpClient client = client(TlsOptions.builder().protocols(List.of(version))
          .sslContext(conscryptTrustingTheTestCa()).build());
      HttpResponse response = await(client.fetch(url(server, "/tls")));
      assertEquals(version + " h2", response.bodyString(), version);
      assertEquals("hello\n", await(client.fetch(url(server, "/hello"))).bodyString());
    }
  }

  @Test
  void conscryptChecksTheHostName() throws Exception {
    TestServer server = httpsServer(TlsCertificates.WRONG_HOST);
    AsyncHttpClient client =
        client(TlsOptions.builder().sslContext(conscryptTrustingTheTestCa()).build());
    HttpClientException error = failure(client.fetch(url(server, "/hello")));
    assertInstanceOf(HttpTlsException.class, error, error.toString());
  }

  @Test
  void providerByNameTrustsTheJdkStoreWhichLacksTheTestCa() throws Exception {
    TlsOptions options = TlsOptions.builder().provider("Conscrypt").build();
    assertEquals("Conscrypt", options.sslContext().getProvider().getName());
    assertSame(options.provider(), options.newBuilder().build().provider());
    TestServer server = httpsServer(TlsCertificates.SERVER);
    HttpClientException error = failure(client(options).fetch(url(server, "/hello")));
    assertInstanceOf(HttpTlsException.class, error, error.toString());
  }

  @Test
  void providerByNameWithTrustAllFetches() throws Exception {
    TlsOptions options =
        TlsOptions.builder().provider("Conscrypt").insecureTrustAllCertificates().build();
    assertEquals("Conscrypt", options.sslContext().getProvider().getName());
    TestServer server = httpsServer(TlsCertificates.UNTRUSTED);
    HttpResponse response = await(client(options).fetch(url(server, "/hello")));
    assertEquals("hello\n", response.bodyString());
  }

  @Test
  void aBadProviderSettingIsRefusedWhenGiven() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().provider("com.example.NoSuchTls"));
    assertTrue(unknown.getMessage().contains("no TLS provider com.example.NoSuchTls"),
        unknown.getMessage());
    IllegalArgumentException notProvider = assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().provider("java.lang.Object"));
    assertTrue(notProvider.getMessage().contains("not a java.security.Provider"),
        notProvider.getMessage());
    IllegalArgumentException notTls = assertThrows(IllegalArgumentException.class,
        () -> TlsOptions.builder().provider("SUN"));
    assertTrue(notTls.getMessage().contains("offers no TLS"), notTls.getMessage());
    TlsOptions.Builder both = TlsOptions.builder().provider("Conscrypt")
        .sslContext(TlsCertificates.clientContext());
    IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class, both::build);
    assertTrue(conflict.getMessage().contains("both"), conflict.getMessage());
  }
}

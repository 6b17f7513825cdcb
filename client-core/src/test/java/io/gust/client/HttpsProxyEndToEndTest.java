package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.client.HttpsEndToEndTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import io.gust.testing.TlsFront;
import java.util.List;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTPS proxies (TLS to the proxy): a {@link TlsFront} in front of a scripted HTTP proxy, for
 * plain http origins (requests over TLS to the proxy) and https origins (TLS inside TLS).
 */
@Timeout(60)
class HttpsProxyEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final ProxyOrigins origins = new ProxyOrigins();
  private final TestServer origin = origins.http;
  private final TestServer httpsOrigin = origins.https;
  /** The heads the scripted proxy received, in order. */
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private ScriptedServer proxy;

  @BeforeEach
  void start() throws Exception {
    proxy = ScriptedServer.start(ScriptedProxies.forwardAndTunnel(heads));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    origins.close();
  }

  private AsyncHttpClient client(Proxy via) {
    return leaks.track(ProxyOrigins.clientVia(via).build());
  }

  @Test
  void plainHttpGoesThroughAnHttpsProxy() throws Exception {
    try (TlsFront front = new TlsFront(TlsCertificates.SERVER, proxy.port())) {
      HttpResponse response = await(client(Proxy.https("127.0.0.1", front.port()))
          .fetch("http://127.0.0.1:" + origin.port() + "/echo"));
      assertTrue(response.bodyString().contains("Via: 1.1 scripted"), response.bodyString());
      assertTrue(heads.get(0).startsWith("GET http://127.0.0.1:"), heads.get(0));
      assertTrue(response.timings().proxy().toNanos() > 0, "TLS with the proxy");
    }
  }

  @Test
  void httpsGoesThroughAnHttpsProxyWithTlsInsideTls() throws Exception {
    try (TlsFront front = new TlsFront(TlsCertificates.SERVER, proxy.port())) {
      AsyncHttpClient client = client(Proxy.https("127.0.0.1", front.port()));
      String url = "https://127.0.0.1:" + httpsOrigin.port() + "/bytes/1000000";
      HttpResponse big = await(client.fetch(url));
      assertEquals(1_000_000, big.body().size());
      for (int i = 0; i < big.body().size(); i += 9973) {
        assertEquals((byte) (i % 251), big.body().getByte(i));
      }
      HttpResponse again = await(client.fetch(HttpRequest.newBuilder(url.replace("/bytes/1000000",
          "/echo")).post(RequestBody.of(new byte[300_000])).build()));
      assertTrue(again.isConnectionReused());
      assertEquals(Protocol.HTTP_2, again.protocol(), "h2 with the origin inside the tunnel");
      assertTrue(again.bodyString().startsWith("POST /echo HTTP/2"), again.bodyString());
      assertEquals(1, heads.size());
      assertTrue(heads.get(0).startsWith("CONNECT 127.0.0.1:" + httpsOrigin.port()));
    }
  }

  @Test
  void anHttpsProxyWithAnUntrustedCertificateFailsAsTheProxy() throws Exception {
    try (TlsFront front = new TlsFront(TlsCertificates.UNTRUSTED, proxy.port())) {
      ProxyException error = assertInstanceOf(ProxyException.class, failure(
          client(Proxy.https("127.0.0.1", front.port())).fetch("http://127.0.0.1:1/")));
      assertEquals(Phase.PROXY, error.phase());
      assertInstanceOf(HttpTlsException.class, error.getCause());
      assertTrue(heads.isEmpty());
    }
  }

  @Test
  void theProxyIsOfferedOnlyHttp11WhateverTheOriginsAreOffered() throws Exception {
    try (TlsFront front = new TlsFront(TlsCertificates.SERVER, proxy.port())) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
          .proxy(Proxy.https("127.0.0.1", front.port()))
          .tls(TlsOptions.builder().sslContext(TlsCertificates.clientContext())
              .applicationProtocols(List.of("h2", "http/1.1")).build()).build());
      HttpResponse response =
          await(client.fetch("http://127.0.0.1:" + origin.port() + "/hello"));
      assertEquals("hello\n", response.bodyString());
      assertEquals(List.of("http/1.1"), front.applicationProtocols);
    }
  }

  @Test
  void theProxysTlsIsJudgedApartFromTheOrigins() throws Exception {
    SSLContext trustsOtherCa = new HandshakeCertificates.Builder()
        .addTrustedCertificate(TlsCertificates.OTHER_CA.certificate()).build().sslContext();
    try (TlsFront front = new TlsFront(TlsCertificates.UNTRUSTED, proxy.port())) {
      AsyncHttpClient client = leaks.track(ProxyOrigins.clientVia(Proxy.https("127.0.0.1",
          front.port())).proxyTls(TlsOptions.builder().sslContext(trustsOtherCa).build())
          .build());
      HttpResponse response = await(client.fetch("https://127.0.0.1:" + httpsOrigin.port()
          + "/hello"));
      assertEquals("hello\n", response.bodyString());
    }
  }

  @Test
  void anInsecureProxyTlsStillVerifiesTheOrigin() throws Exception {
    try (TlsFront front = new TlsFront(TlsCertificates.UNTRUSTED, proxy.port())) {
      AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
          .proxy(Proxy.https("127.0.0.1", front.port()))
          .proxyTls(TlsOptions.builder().insecureTrustAllCertificates().build()).build());
      assertEquals("hello\n", await(client.fetch("http://127.0.0.1:" + origin.port()
          + "/hello")).bodyString());
      HttpClientException error = failure(client.fetch("https://127.0.0.1:"
          + httpsOrigin.port() + "/hello"));
      assertInstanceOf(HttpTlsException.class, error, error.toString());
      assertEquals(Phase.TLS, error.phase());
    }
  }
}

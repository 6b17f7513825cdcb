package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.server.TestServer;
import io.gust.testing.LeakCheck;
import io.gust.testing.TlsCertificates;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which HTTP version a fetch speaks over TLS: h2 by default (ALPN), and a request's own {@code
 * protocols} over the client's, on connections of its own. The companion server, which offers h2
 * and http/1.1, echoes the version it heard.
 */
@Timeout(60)
class Http2ProtocolChoiceEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final TestServer server = TestServer.start(builder -> builder.tls(
      TlsCertificates.serverContext(TlsCertificates.SERVER)));

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return "https://127.0.0.1:" + server.port() + "/echo";
  }

  private HttpResponse fetch(AsyncHttpClient client, HttpRequest request) throws Exception {
    return client.fetch(request).get(10, TimeUnit.SECONDS);
  }

  @Test
  void requestDemandingHttp11NeverLandsOnTheHttp2Connection() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext()).build());
    HttpResponse h2 = fetch(client, HttpRequest.get(url()));
    assertEquals(Protocol.HTTP_2, h2.protocol(), "h2 by default");
    assertTrue(h2.bodyString().startsWith("GET /echo HTTP/2\r\n"), h2.bodyString());
    HttpRequest old = HttpRequest.newBuilder(url()).protocols(Protocol.HTTP_1_1).build();
    assertEquals(List.of(Protocol.HTTP_1_1), old.protocols());
    HttpResponse h1 = fetch(client, old);
    assertEquals(Protocol.HTTP_1_1, h1.protocol());
    assertFalse(h1.isConnectionReused(), "a connection of its own");
    assertTrue(h1.bodyString().startsWith("GET /echo HTTP/1.1\r\n"), h1.bodyString());
    assertEquals(2, client.poolSnapshot().get(5, TimeUnit.SECONDS).open());
    HttpResponse again = fetch(client, HttpRequest.get(url()));
    assertEquals(Protocol.HTTP_2, again.protocol());
    assertTrue(again.isConnectionReused());
    assertTrue(fetch(client, old).isConnectionReused(), "HTTP/1.1 requests share theirs");
    client.close();
  }

  @Test
  void requestAllowingHttp2GetsItFromAnHttp11Client() throws Exception {
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder().protocols(Protocol.HTTP_1_1)
        .sslContext(TlsCertificates.clientContext()).build());
    assertEquals(Protocol.HTTP_1_1, fetch(client, HttpRequest.get(url())).protocol());
    HttpResponse h2 = fetch(client, HttpRequest.newBuilder(url())
        .protocols(Protocol.HTTP_2, Protocol.HTTP_1_1).build());
    assertEquals(Protocol.HTTP_2, h2.protocol());
    assertTrue(h2.bodyString().startsWith("GET /echo HTTP/2\r\n"), h2.bodyString());
    assertEquals(null, HttpRequest.get(url()).protocols(), "the client's by default");
    client.close();
  }
}

package io.gust.client;

import static io.gust.client.HttpsEndToEndTest.await;
import static io.gust.client.HttpsEndToEndTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gust.loop.EventLoop;
import io.gust.net.TlsHandshakeException;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.testing.TlsCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where a connection goes: the address family a client or request allows (Tornado's
 * allow_ipv6) and connect-to rules (curl's --connect-to), over real sockets.
 */
@Timeout(60)
class AddressSelectionEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  /**
   * Answers every name with ::1 then 127.0.0.1, whatever family it is asked for (as a careless
   * resolver might), and records the families asked for.
   */
  private static final class BothLoopbacks implements Resolver {
    final List<AddressFamily> asked = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<List<InetSocketAddress>> resolve(EventLoop loop, String host,
        int port, AddressFamily family) {
      asked.add(family);
      try {
        return CompletableFuture.completedFuture(List.of(
            new InetSocketAddress(InetAddress.getByName("::1"), port),
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port)));
      } catch (UnknownHostException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }

  /** A server on 127.0.0.1 only, answering "v4". */
  private ScriptedServer ipv4Server() throws Exception {
    ScriptedServer server = ScriptedServer.start((socket, index) -> {
      ScriptedServer.readHead(socket.getInputStream());
      ScriptedServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv4");
    });
    return leaks.closing(server);
  }

  private AsyncHttpClient client(Resolver resolver, AddressFamily family) {
    return leaks.track(AsyncHttpClient.builder().resolver(resolver).addressFamily(family)
        .build());
  }

  private static String url(ScriptedServer server) {
    return "http://dual.test:" + server.port() + "/";
  }

  @Test
  void ipv4OnlyClientConnectsOverIpv4AndAsksTheResolverForIpv4() throws Exception {
    ScriptedServer server = ipv4Server();
    BothLoopbacks resolver = new BothLoopbacks();
    HttpResponse response = await(client(resolver, AddressFamily.IPV4).fetch(url(server)));
    assertEquals("v4", response.bodyString());
    assertEquals(List.of(AddressFamily.IPV4), resolver.asked);
  }

  @Test
  void ipv6OnlyClientNeverTriesTheIpv4Address() throws Exception {
    ScriptedServer server = ipv4Server();
    HttpClientException error =
        failure(client(new BothLoopbacks(), AddressFamily.IPV6).fetch(url(server)));
    assertInstanceOf(HttpConnectException.class, error, error.toString());
    assertEquals(Phase.CONNECT, error.phase());
    assertEquals(0, server.acceptedCount(), "no IPv4 connection was made");
  }

  @Test
  void requestFamilyOverridesTheClients() throws Exception {
    ScriptedServer server = ipv4Server();
    AsyncHttpClient ipv6Client = client(new BothLoopbacks(), AddressFamily.IPV6);
    HttpResponse response = await(ipv6Client.fetch(HttpRequest.newBuilder(url(server))
        .addressFamily(AddressFamily.IPV4).build()));
    assertEquals("v4", response.bodyString());
    AsyncHttpClient anyClient = client(new BothLoopbacks(), AddressFamily.ANY);
    failure(anyClient.fetch(HttpRequest.newBuilder(url(server))
        .addressFamily(AddressFamily.IPV6).build()));
    assertEquals(1, server.acceptedCount());
  }

  @Test
  void noAddressOfTheAllowedFamilyFailsInTheDnsPhase() throws Exception {
    InetAddress ipv6Loopback = InetAddress.getByName("::1");
    Resolver onlyIpv6 = (loop, host, port, family) ->
        CompletableFuture.completedFuture(List.of(new InetSocketAddress(ipv6Loopback, port)));
    HttpClientException error =
        failure(client(onlyIpv6, AddressFamily.IPV4).fetch("http://v6only.test:1/"));
    assertInstanceOf(HttpConnectException.class, error, error.toString());
    assertEquals(Phase.DNS, error.phase());
  }

  private MockWebServer mock(boolean https) throws Exception {
    MockWebServer mock = new MockWebServer();
    leaks.closing(mock);
    if (https) {
      mock.useHttps(TlsCertificates.serverContext(TlsCertificates.SERVER).getSocketFactory());
    }
    mock.enqueue(new MockResponse.Builder().body("mapped").build());
    mock.start();
    return mock;
  }

  /** Pins: a host and port could not be sent to another host and port (curl's --connect-to). */
  @Test
  void connectToSendsTheConnectionElsewhereAndKeepsTheHostField() throws Exception {
    MockWebServer mock = mock(false);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .connectTo("origin.test", 80, "127.0.0.1", mock.getPort()).build());
    HttpResponse response = await(client.fetch("http://origin.test/page"));
    assertEquals("mapped", response.bodyString());
    RecordedRequest recorded = mock.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("origin.test", recorded.getHeaders().get("Host"));
    assertEquals("/page", recorded.getTarget());
  }

  @Test
  void connectToOverTlsKeepsTheOriginalNameForSniAndVerification() throws Exception {
    MockWebServer mock = mock(true);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext())
        .connectTo("localhost", 443, "127.0.0.1", mock.getPort()).build());
    assertEquals("mapped", await(client.fetch("https://localhost/")).bodyString());
    RecordedRequest recorded = mock.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(List.of("localhost"), recorded.getHandshakeServerNames(), "SNI");
    String authority = recorded.getHeaders().get(":authority");
    assertEquals("localhost", authority != null ? authority : recorded.getHeaders().get("Host"),
        "the authority (h2, negotiated by default) or Host");
  }

  @Test
  void connectToStillVerifiesTheCertificateAgainstTheOriginalName() throws Exception {
    MockWebServer mock = mock(true);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .sslContext(TlsCertificates.clientContext())
        .connectTo("other.test", 443, "localhost", mock.getPort()).build());
    HttpClientException error = failure(client.fetch("https://other.test/"));
    assertEquals(Phase.TLS, error.phase(), error.toString());
    TlsHandshakeException cause = assertInstanceOf(TlsHandshakeException.class, error.getCause());
    assertEquals(TlsFailure.HOSTNAME_MISMATCH, cause.failure());
  }

  @Test
  void connectToLeavesOtherPortsAlone() throws Exception {
    MockWebServer mock = mock(false);
    AsyncHttpClient client = leaks.track(AsyncHttpClient.builder()
        .connectTo("127.0.0.1", mock.getPort() == 1 ? 2 : 1, "127.0.0.1", 9).build());
    assertEquals("mapped",
        await(client.fetch("http://127.0.0.1:" + mock.getPort() + "/")).bodyString());
  }
}

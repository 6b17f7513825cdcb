package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gust.net.SocksException;
import io.gust.server.HttpServer;
import io.gust.server.Response;
import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import io.gust.testing.SocksServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches through real SOCKS proxies (microsocks, dante) chosen with {@link Proxy#socks5} and
 * {@link Proxy#socks4a}, and through scripted SOCKS4a proxies.
 */
@Timeout(60)
class SocksFetchEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;

  private final HttpServer origin = HttpServer.builder()
      .get("/hello", request -> Response.ok("hello through socks\n")).build().start();

  @AfterEach
  void stop() {
    origin.close();
  }

  @Test
  void theProxyResolvesTheOriginsNameByDefault() throws Exception {
    try (SocksServer proxy = SocksServer.microsocks(dir, null, null);
        AsyncHttpClient client = AsyncHttpClient.builder()
            .proxy(Proxy.socks5("127.0.0.1", proxy.port())).build()) {
      HttpResponse response = client.fetch("http://localhost:" + origin.port() + "/hello")
          .get(10, TimeUnit.SECONDS);
      assertEquals(200, response.code());
      assertEquals("hello through socks\n", response.bodyString());
      assertTrue(response.timings().proxy().toNanos() > 0, response.timings().toString());
    }
  }

  @Test
  void localResolutionAndCredentialsFromTheProxyUrl() throws Exception {
    try (SocksServer proxy = SocksServer.microsocks(dir, "gust", "s3cret");
        AsyncHttpClient client = AsyncHttpClient.builder()
            .proxy(Proxy.of("socks5://gust:s3cret@127.0.0.1:" + proxy.port())).build()) {
      HttpResponse response = client.fetch("http://localhost:" + origin.port() + "/hello")
          .get(10, TimeUnit.SECONDS);
      assertEquals("hello through socks\n", response.bodyString());
    }
  }

  @Test
  void aWrongPasswordIsAProxyFailureCarryingTheSocksError() throws Exception {
    try (SocksServer proxy = SocksServer.microsocks(dir, "gust", "s3cret");
        AsyncHttpClient client = AsyncHttpClient.builder()
            .proxy(Proxy.socks5("127.0.0.1", proxy.port()).withCredentials("gust", "nope"))
            .build()) {
      try {
        client.fetch("http://localhost:" + origin.port() + "/hello").get(10, TimeUnit.SECONDS);
        fail("fetched with a wrong password");
      } catch (ExecutionException e) {
        ProxyException error = assertInstanceOf(ProxyException.class, e.getCause());
        assertEquals(Phase.PROXY, error.phase());
        SocksException socks = assertInstanceOf(SocksException.class, error.getCause());
        assertEquals(SocksException.Failure.AUTH_FAILED, socks.failure());
        assertTrue(!error.getMessage().contains("nope"), error.getMessage());
      }
    }
  }

  @Test
  void danteCarriesAnHttpsFreeFetchAndReportsARefusedOrigin() throws Exception {
    try (SocksServer proxy = SocksServer.dante(dir);
        AsyncHttpClient client = AsyncHttpClient.builder()
            .proxy(Proxy.socks5("127.0.0.1", proxy.port())).build()) {
      assertEquals("hello through socks\n", client.fetch("http://127.0.0.1:" + origin.port()
          + "/hello").get(10, TimeUnit.SECONDS).bodyString());
    }
  }

  @Test
  void aProxySelectorsSocksAnswerGoesThroughMicrosocks() throws Exception {
    try (SocksServer proxy = SocksServer.microsocks(dir, null, null)) {
      List<URI> asked = new CopyOnWriteArrayList<>();
      ProxySelector selector = new ProxySelector() {
        @Override
        public List<java.net.Proxy> select(URI uri) {
          asked.add(uri);
          return List.of(new java.net.Proxy(java.net.Proxy.Type.SOCKS,
              InetSocketAddress.createUnresolved("127.0.0.1", proxy.port())));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException error) {}
      };
      try (AsyncHttpClient client = AsyncHttpClient.builder().proxy(Proxy.selector(selector))
          .build()) {
        HttpResponse response = client.fetch("http://localhost:" + origin.port() + "/hello")
            .get(10, TimeUnit.SECONDS);
        assertEquals("hello through socks\n", response.bodyString());
        assertTrue(response.timings().proxy().toNanos() > 0, response.timings().toString());
        assertEquals(1, asked.size(), asked.toString());
      }
    }
  }

  @Test
  void anOriginNameThatDoesNotResolveLocallyIsASocksFailure() throws Exception {
    try (SocksServer proxy = SocksServer.microsocks(dir, null, null);
        AsyncHttpClient client = AsyncHttpClient.builder()
            .proxy(Proxy.of("socks5://127.0.0.1:" + proxy.port())).build()) {
      try {
        client.fetch("http://nowhere.invalid/").get(10, TimeUnit.SECONDS);
        fail("fetched from an unresolvable host");
      } catch (ExecutionException e) {
        ProxyException error = assertInstanceOf(ProxyException.class, e.getCause());
        assertEquals(Phase.PROXY, error.phase());
        assertInstanceOf(UnknownHostException.class, error.getCause());
      }
    }
  }

  @Test
  void socks4aSendsTheNameAndUserIdAndCarriesTheExchange() throws Exception {
    CompletableFuture<String> asked = new CompletableFuture<>();
    ScriptedServer proxy = ScriptedServer.start((socket, index) -> {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] fixed = new byte[8];
      in.readFully(fixed);
      String userId = readNulTerminated(in);
      String host = readNulTerminated(in);
      int port = ((fixed[2] & 0xff) << 8) | (fixed[3] & 0xff);
      asked.complete(fixed[0] + " " + fixed[1] + " " + port + " " + userId + " " + host);
      socket.getOutputStream().write(new byte[] {0, 0x5a, 0, 0, 0, 0, 0, 0});
      ScriptedServer.readHead(in);
      ScriptedServer.write(socket,
          "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ntunnel");
    });
    try (AsyncHttpClient client = AsyncHttpClient.builder()
        .proxy(Proxy.of("socks4a://gust@127.0.0.1:" + proxy.port())).build()) {
      HttpResponse response = client.fetch("http://origin.example:8081/").get(10, TimeUnit.SECONDS);
      assertEquals("tunnel", response.bodyString());
      assertEquals("4 1 8081 gust origin.example", asked.get(10, TimeUnit.SECONDS));
    } finally {
      proxy.close();
    }
  }

  @Test
  void aSocks4aRefusalIsAProxyFailure() throws Exception {
    ScriptedServer proxy = ScriptedServer.start((socket, index) -> {
      socket.getInputStream().read();
      socket.getOutputStream().write(new byte[] {0, 0x5b, 0, 0, 0, 0, 0, 0});
    });
    try (AsyncHttpClient client = AsyncHttpClient.builder()
        .proxy(Proxy.socks4a("127.0.0.1", proxy.port())).build()) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> client.fetch("http://origin.example/").get(10, TimeUnit.SECONDS));
      ProxyException error = assertInstanceOf(ProxyException.class, e.getCause());
      assertEquals(Phase.PROXY, error.phase());
      assertTrue(error.getMessage().startsWith("SOCKS4a handshake failed"), error.getMessage());
      assertEquals(91, assertInstanceOf(SocksException.class, error.getCause()).replyCode());
    } finally {
      proxy.close();
    }
  }

  /**
   * Debian's dante-server (1.4.2) speaks SOCKS4 but not SOCKS4a: it tries to connect to the
   * 0.0.0.x placeholder address. So the real-server test of Proxy.socks4a is an address origin
   * (sent as plain SOCKS4) carried, and a name refused with dante's own reply 91.
   */
  @Test
  void danteCarriesSocks4ForAnAddressAndRefusesSocks4aForAName() throws Exception {
    try (SocksServer proxy = SocksServer.dante(dir);
        AsyncHttpClient client = AsyncHttpClient.builder()
            .proxy(Proxy.socks4a("127.0.0.1", proxy.port())).build()) {
      HttpResponse response = client.fetch("http://127.0.0.1:" + origin.port() + "/hello")
          .get(10, TimeUnit.SECONDS);
      assertEquals("hello through socks\n", response.bodyString());
      assertTrue(response.timings().proxy().toNanos() > 0, response.timings().toString());
      ExecutionException e = assertThrows(ExecutionException.class, () -> client
          .fetch("http://localhost:" + origin.port() + "/hello").get(10, TimeUnit.SECONDS));
      ProxyException error = assertInstanceOf(ProxyException.class, e.getCause());
      assertEquals(Phase.PROXY, error.phase());
      assertEquals(91, assertInstanceOf(SocksException.class, error.getCause()).replyCode());
    }
  }

  private static String readNulTerminated(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int b = in.read(); b > 0; b = in.read()) {
      text.append((char) b);
    }
    return text.toString();
  }
}

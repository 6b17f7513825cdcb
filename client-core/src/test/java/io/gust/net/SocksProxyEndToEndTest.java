package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.awaitFailure;
import static io.gust.net.StreamFixture.onLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.loop.EventLoop;
import io.gust.net.SocksException.Failure;
import io.gust.server.HttpServer;
import io.gust.server.Response;
import io.gust.testing.LeakCheck;
import io.gust.testing.LoopbackPorts;
import io.gust.testing.SocksServer;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** GETs through real SOCKS5 servers (microsocks, dante) to the companion server. */
@Timeout(60)
class SocksProxyEndToEndTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  @TempDir Path dir;

  private final EventLoop loop = EventLoop.create();
  private final HttpServer origin = HttpServer.builder()
      .get("/hello", request -> Response.ok("hello through socks\n")).build().start();

  @AfterEach
  void stop() {
    origin.close();
    loop.close();
  }

  @Test
  void microsocksResolvesANameAndCarriesTheExchange() throws Exception {
    try (SocksServer proxy = SocksServer.microsocks(dir, null, null)) {
      assertHello(proxy, "localhost", null, null);
    }
  }

  @Test
  void microsocksWithUsernameAndPassword() throws Exception {
    try (SocksServer proxy = SocksServer.microsocks(dir, "gust", "s3cret")) {
      assertHello(proxy, "127.0.0.1", "gust", "s3cret");
      assertEquals(Failure.AUTH_FAILED, failure(proxy, origin.port(), "gust", "wrong").failure());
      assertEquals(Failure.NO_ACCEPTABLE_METHOD, failure(proxy, origin.port(), null, null).failure());
    }
  }

  @Test
  void danteCarriesTheExchangeByNameAndByAddress() throws Exception {
    try (SocksServer proxy = SocksServer.dante(dir)) {
      assertHello(proxy, "localhost", null, null);
      assertHello(proxy, "127.0.0.1", null, null);
    }
  }

  @Test
  void danteReportsARefusedOriginAsReplyCodeFive() throws Exception {
    int closedPort = LoopbackPorts.free();
    try (SocksServer proxy = SocksServer.dante(dir)) {
      SocksException e = failure(proxy, closedPort, null, null);
      assertEquals(Failure.REPLY, e.failure());
      assertEquals(5, e.replyCode());
    }
  }

  private void assertHello(SocksServer proxy, String host, String user, String password)
      throws Exception {
    ChannelStream stream = await(tunnel(proxy, host, origin.port(), user, password));
    String request = "GET /hello HTTP/1.1\r\nHost: " + host + ":" + origin.port()
        + "\r\nConnection: close\r\n\r\n";
    CompletableFuture<Buffer> response = onLoop(loop, () -> {
      stream.write(new Buffer().writeUtf8(request));
      return stream.readUntilClose();
    });
    String text = await(response).readUtf8();
    assertTrue(text.startsWith("HTTP/1.1 200"), text);
    assertTrue(text.endsWith("hello through socks\n"), text);
    onLoop(loop, () -> {
      stream.close();
      return null;
    });
  }

  private SocksException failure(SocksServer proxy, int port, String user, String password)
      throws Exception {
    return awaitFailure(SocksException.class, tunnel(proxy, "127.0.0.1", port, user, password));
  }

  private CompletableFuture<ChannelStream> tunnel(SocksServer proxy, String host, int port,
      String user, String password) throws Exception {
    SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", proxy.port()));
    return onLoop(loop, () ->
        Socks5Handshake.start(ChannelStream.open(loop, channel), host, port, user, password));
  }
}

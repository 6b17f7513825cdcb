package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.awaitFailure;
import static io.gust.net.StreamFixture.onLoop;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gust.loop.EventLoop;
import io.gust.testing.FullBacklog;
import io.gust.testing.ManualLoop;
import io.gust.testing.OpenFiles;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TcpConnectorTest {
  private static final InetAddress V4 = SocketAddresses.parseLiteral("127.0.0.1");
  private static final Duration LONG = Duration.ofSeconds(10);

  private final EventLoop loop = EventLoop.create();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void refusedAddressesFailFastWithEveryCauseSuppressed() throws Exception {
    List<InetSocketAddress> refused = List.of(refusedAddress(V4), refusedAddress(V4));
    TcpConnector connector = TcpConnector.builder().attemptDelay(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    ConnectFailedException e = awaitFailure(ConnectFailedException.class,
        connector.connect(loop, refused, LONG));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000,
        "a refusal should start the next attempt without waiting for the attempt delay");
    assertEquals(refused, e.addresses());
    assertEquals(2, e.getSuppressed().length);
    assertInstanceOf(ConnectException.class, e.getSuppressed()[0]);
  }

  @Test
  void unansweredAddressHitsTheConnectTimeout() throws Exception {
    try (FullBacklog silent = FullBacklog.open(V4); ManualLoop manual = new ManualLoop()) {
      CompletableFuture<TcpConnection> connect =
          TcpConnector.create().connect(manual.loop, List.of(silent.address()), LONG);
      manual.pass();
      manual.advanceOnto(LONG, connect);
      ConnectTimeoutException e = awaitFailure(ConnectTimeoutException.class, connect);
      assertEquals(LONG, e.timeout());
      assertEquals(List.of(silent.address()), e.addresses());
      String where = "127.0.0.1:" + silent.address().getPort();
      assertTrue(e.getMessage().contains(where), e.getMessage());
      assertEquals(0, manual.pendingTimers(), "a timer outlived the failed connect");
    }
  }

  @Test
  void secondAddressWinsWhenTheFirstNeverAnswersAndTheLoserIsClosed() throws Exception {
    try (FullBacklog silent = FullBacklog.open(V4);
        ServerSocket live = new ServerSocket(0, 8, V4);
        ManualLoop manual = new ManualLoop()) {
      int before = OpenFiles.count();
      InetSocketAddress liveAddress = new InetSocketAddress(V4, live.getLocalPort());
      Duration attemptDelay = Duration.ofMillis(250);
      TcpConnector connector = TcpConnector.builder().attemptDelay(attemptDelay).build();
      CompletableFuture<TcpConnection> connect =
          connector.connect(manual.loop, List.of(silent.address(), liveAddress), LONG);
      manual.pass();
      manual.advanceOnto(attemptDelay, connect);
      TcpConnection connection = await(connect);
      assertEquals(liveAddress, connection.remoteAddress());
      live.setSoTimeout(5000);
      live.accept().close();
      onLoop(manual.loop, () -> {
        connection.channel().close();
        return null;
      });
      OpenFiles.awaitAtMost(before, Duration.ofSeconds(5));
    }
  }

  @Test
  void happyEyeballsOrderAlternatesFamiliesStartingWithTheFirst() {
    InetSocketAddress v6a = TcpConnector.literalAddress("::1", 1);
    InetSocketAddress v6b = TcpConnector.literalAddress("::2", 1);
    InetSocketAddress v6c = TcpConnector.literalAddress("::3", 1);
    InetSocketAddress v4a = TcpConnector.literalAddress("127.0.0.1", 1);
    InetSocketAddress v4b = TcpConnector.literalAddress("127.0.0.2", 1);
    assertEquals(List.of(v6a, v4a, v6b, v4b, v6c),
        TcpConnector.happyEyeballsOrder(List.of(v6a, v6b, v6c, v4a, v4b)));
    assertEquals(List.of(v4a, v6a, v4b, v6b),
        TcpConnector.happyEyeballsOrder(List.of(v4a, v4b, v6a, v6b)));
    assertEquals(List.of(v4b, v4a), TcpConnector.happyEyeballsOrder(List.of(v4b, v4a)));
    assertEquals(List.of(v6a), TcpConnector.happyEyeballsOrder(List.of(v6a)));
  }

  @Test
  void cancellingAbortsTheAttemptAndLeaksNoDescriptor() throws Exception {
    try (FullBacklog silent = FullBacklog.open(V4)) {
      int before = OpenFiles.count();
      CompletableFuture<TcpConnection> connect =
          TcpConnector.create().connect(loop, List.of(silent.address()), LONG);
      onLoop(loop, () -> null);
      assertTrue(OpenFiles.count() > before, "the attempt's socket should be open");
      connect.cancel(true);
      OpenFiles.awaitAtMost(before, Duration.ofSeconds(5));
    }
  }

  @Test
  void loopCloseDuringConnectFailsItAndLeaksNoDescriptor() throws Exception {
    try (FullBacklog silent = FullBacklog.open(V4)) {
      int before = OpenFiles.count();
      EventLoop own = EventLoop.create();
      CompletableFuture<TcpConnection> connect =
          TcpConnector.create().connect(own, List.of(silent.address()), LONG);
      onLoop(own, () -> null);
      own.close();
      awaitFailure(ConnectFailedException.class, connect);
      OpenFiles.awaitAtMost(before, Duration.ofSeconds(5));
    }
  }

  @Test
  void connectsOverIpv6LoopbackWhenAvailable() throws Exception {
    InetAddress v6 = SocketAddresses.parseLiteral("::1");
    assumeTrue(canBind(v6), "IPv6 loopback (::1) is not configured on this machine");
    try (ServerSocket live = new ServerSocket(0, 8, v6)) {
      InetSocketAddress liveAddress = new InetSocketAddress(v6, live.getLocalPort());
      TcpConnection connection = await(TcpConnector.create()
          .connect(loop, List.of(refusedAddress(V4), liveAddress), LONG));
      assertEquals(liveAddress, connection.remoteAddress());
      onLoop(loop, () -> {
        connection.channel().close();
        return null;
      });
    }
  }

  @Test
  void aConnectedChannelBecomesAStream() throws Exception {
    try (ServerSocket live = new ServerSocket(0, 8, V4)) {
      TcpConnection connection = await(TcpConnector.create()
          .connect(loop, List.of(new InetSocketAddress(V4, live.getLocalPort())), LONG));
      ChannelStream stream = onLoop(loop, connection::openStream);
      try (Socket peer = live.accept()) {
        onLoop(loop, () -> stream.write(new Buffer().writeUtf8("ping")));
        assertEquals("ping", new String(peer.getInputStream().readNBytes(4), US_ASCII));
        CompletableFuture<Buffer> reply = onLoop(loop, () -> stream.readBytes(4));
        peer.getOutputStream().write("pong".getBytes(US_ASCII));
        assertEquals("pong", await(reply).readUtf8());
      }
      onLoop(loop, () -> {
        stream.close();
        return null;
      });
    }
  }

  @Test
  void literalAddressesParseWithoutLookupAndNamesAreRefused() {
    InetSocketAddress v4 = TcpConnector.literalAddress("127.0.0.1", 80);
    assertEquals("127.0.0.1", v4.getAddress().getHostAddress());
    InetSocketAddress v6 = TcpConnector.literalAddress("[::1]", 80);
    assertEquals(SocketAddresses.parseLiteral("::1"), v6.getAddress());
    for (String bad : List.of("localhost", "1.2.3", "256.0.0.1", "1.2.3.4.5", "", "::g")) {
      assertThrows(IllegalArgumentException.class, () -> TcpConnector.literalAddress(bad, 80), bad);
    }
  }

  @Test
  void attemptDelayBelowTheRfcMinimumIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> TcpConnector.builder().attemptDelay(Duration.ofMillis(9)));
  }

  private static InetSocketAddress refusedAddress(InetAddress address) throws IOException {
    try (ServerSocket closed = new ServerSocket(0, 1, address)) {
      return new InetSocketAddress(address, closed.getLocalPort());
    }
  }

  private static boolean canBind(InetAddress address) {
    try (ServerSocket probe = new ServerSocket(0, 1, address)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.awaitFailure;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.net.SocksException.Failure;
import io.gust.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SOCKS5 handshake against a scripted proxy: a blocking peer socket the test drives. */
@Timeout(20)
class Socks5HandshakeTest {
  private static final byte[] NO_AUTH_GREETING = {5, 1, 0};
  private static final byte[] IPV4_SUCCESS = {5, 0, 0, 1, 127, 0, 0, 1, 0x1f, (byte) 0x90};

  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  @Test
  void domainNameGoesToTheProxyAndOriginBytesInTheReplyPacketStayReadable() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = start(f, "example.com", 80, null, null);
      expect(f, NO_AUTH_GREETING);
      send(f, 5, 0);
      expect(f, concat(new byte[] {5, 1, 0, 3, 11}, ascii("example.com"), new byte[] {0, 80}));
      f.peerOut().write(concat(IPV4_SUCCESS, ascii("HTTP/1.1 200 OK\r\n")));
      assertSame(f.stream, await(tunnel));
      Buffer origin = await(f.onLoop(() -> f.stream.readBytes(17)));
      assertEquals("HTTP/1.1 200 OK\r\n", origin.readUtf8());
    }
  }

  @Test
  void ipLiteralsGoAsAddressesAndADomainBoundAddressIsSkipped() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = start(f, "[::1]", 443, null, null);
      expect(f, NO_AUTH_GREETING);
      send(f, 5, 0);
      byte[] ipv6 = new byte[16];
      ipv6[15] = 1;
      expect(f, concat(new byte[] {5, 1, 0, 4}, ipv6, new byte[] {1, (byte) 0xbb}));
      f.peerOut().write(concat(new byte[] {5, 0, 0, 3, 4}, ascii("host"), new byte[] {0, 1, 'X'}));
      assertSame(f.stream, await(tunnel));
      assertEquals("X", await(f.onLoop(() -> f.stream.readBytes(1))).readUtf8());
    }
    assertArrayEquals(new byte[] {5, 1, 0, 1, 10, 0, 0, 7, 0, 8},
        Socks5Requests.connect("10.0.0.7", 8).readByteArray());
  }

  @Test
  void usernameAndPasswordAreSentWhenTheProxyChoosesThem() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = start(f, "10.1.2.3", 80, "user", "pässword");
      expect(f, new byte[] {5, 2, 0, 2});
      send(f, 5, 2);
      byte[] pass = "pässword".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      expect(f, concat(new byte[] {1, 4}, ascii("user"), new byte[] {(byte) pass.length}, pass));
      send(f, 1, 0);
      expect(f, new byte[] {5, 1, 0, 1, 10, 1, 2, 3, 0, 80});
      f.peerOut().write(IPV4_SUCCESS);
      assertSame(f.stream, await(tunnel));
    }
  }

  @Test
  void rejectedCredentialsAreAuthFailed() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = start(f, "example.com", 80, "user", "wrong");
      expect(f, new byte[] {5, 2, 0, 2});
      send(f, 5, 2);
      f.peerIn().readNBytes(2 + 4 + 1 + 5);
      send(f, 1, 1);
      SocksException e = awaitFailure(SocksException.class, tunnel);
      assertEquals(Failure.AUTH_FAILED, e.failure());
      assertFalse(e.getMessage().contains("wrong"), e.getMessage());
      assertFalse(f.onLoop(f.stream::isOpen));
    }
  }

  @Test
  void noAcceptableMethodIsTyped() throws Exception {
    assertEquals(Failure.NO_ACCEPTABLE_METHOD, failAfterGreeting(5, 0xff).failure());
  }

  @Test
  void aMethodThatWasNotOfferedIsMalformed() throws Exception {
    assertEquals(Failure.MALFORMED_REPLY, failAfterGreeting(5, 2).failure());
  }

  @Test
  void anHttpProxyAnsweringIsWrongVersion() throws Exception {
    SocksException e = failAfterGreeting('H', 'T');
    assertEquals(Failure.WRONG_VERSION, e.failure());
    assertTrue(e.getMessage().contains("version 72"), e.getMessage());
  }

  @Test
  void bytesAfterTheMethodReplyAreOversized() throws Exception {
    assertEquals(Failure.OVERSIZED_REPLY, failAfterGreeting(5, 0, 5).failure());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 255})
  void everyReplyCodeIsATypedError(int code) throws Exception {
    SocksException e = failAfterConnect(5, code, 0, 1, 0, 0, 0, 0, 0, 0);
    assertEquals(Failure.REPLY, e.failure());
    assertEquals(code, e.replyCode());
    assertTrue(e.getMessage().contains(SocksException.meaning(code)), e.getMessage());
  }

  @Test
  void replyCodesHaveTheirRfcNames() {
    assertEquals("connection not allowed by ruleset", SocksException.meaning(2));
    assertEquals("host unreachable", SocksException.meaning(4));
    assertEquals("connection refused", SocksException.meaning(5));
    assertEquals("TTL expired", SocksException.meaning(6));
    assertEquals("address type not supported", SocksException.meaning(8));
  }

  @Test
  void aConnectReplyWithTheWrongVersionIsTyped() throws Exception {
    assertEquals(Failure.WRONG_VERSION, failAfterConnect(4, 0, 0, 1).failure());
  }

  @Test
  void anUnknownAddressTypeIsMalformed() throws Exception {
    assertEquals(Failure.MALFORMED_REPLY, failAfterConnect(5, 0, 0, 9).failure());
  }

  @Test
  void aTruncatedConnectReplyIsTyped() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = connectRequested(f);
      send(f, 5, 0, 0, 1, 127, 0);
      f.peer.shutdownOutput();
      assertEquals(Failure.TRUNCATED_REPLY, awaitFailure(SocksException.class, tunnel).failure());
      assertFalse(f.onLoop(f.stream::isOpen));
    }
  }

  @Test
  void aProxyThatClosesWithoutAnsweringIsTruncated() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = start(f, "example.com", 80, null, null);
      expect(f, NO_AUTH_GREETING);
      f.peer.close();
      assertEquals(Failure.TRUNCATED_REPLY, awaitFailure(SocksException.class, tunnel).failure());
    }
  }

  @Test
  void aStalledProxyIsCutOffByTheCallersCloseOrCancel() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = connectRequested(f);
      f.run(f.stream::close);
      awaitFailure(StreamClosedException.class, tunnel);
    }
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = connectRequested(f);
      CompletableFuture<Throwable> closed = f.closeCause();
      tunnel.cancel(true);
      await(closed);
      assertThrows(CancellationException.class, () -> tunnel.get(5, TimeUnit.SECONDS));
      assertEquals(-1, f.peerIn().read(), "the proxy connection was not closed");
    }
  }

  @Test
  void badInputFailsAtTheCall() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      assertThrows(IllegalArgumentException.class, () -> start(f, "a".repeat(256), 80, null, null));
      assertThrows(IllegalArgumentException.class, () -> start(f, "example.com", 0, null, null));
      assertThrows(IllegalArgumentException.class, () -> start(f, "example.com", 80, "u", null));
      assertThrows(IllegalArgumentException.class, () -> start(f, "bücher.de", 80, null, null));
      assertThrows(IllegalArgumentException.class,
          () -> start(f, "example.com", 80, "u".repeat(256), "p"));
    }
  }

  private static SocksException failAfterGreeting(int... reply) throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = start(f, "example.com", 80, null, null);
      expect(f, NO_AUTH_GREETING);
      send(f, reply);
      SocksException e = awaitFailure(SocksException.class, tunnel);
      assertFalse(f.onLoop(f.stream::isOpen), "the stream was left open");
      return e;
    }
  }

  private static SocksException failAfterConnect(int... reply) throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = connectRequested(f);
      send(f, reply);
      SocksException e = awaitFailure(SocksException.class, tunnel);
      assertFalse(f.onLoop(f.stream::isOpen), "the stream was left open");
      return e;
    }
  }

  /** Starts a handshake to 127.0.0.1:80 and plays the proxy up to the CONNECT request. */
  private static CompletableFuture<ChannelStream> connectRequested(StreamFixture f)
      throws Exception {
    CompletableFuture<ChannelStream> tunnel = start(f, "127.0.0.1", 80, null, null);
    expect(f, NO_AUTH_GREETING);
    send(f, 5, 0);
    expect(f, new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80});
    return tunnel;
  }

  private static CompletableFuture<ChannelStream> start(StreamFixture f, String host, int port,
      String user, String password) throws Exception {
    return f.onLoop(() -> Socks5Handshake.start(f.stream, host, port, user, password));
  }

  private static void expect(StreamFixture f, byte[] expected) throws Exception {
    InputStream in = f.peerIn();
    assertArrayEquals(expected, in.readNBytes(expected.length));
  }

  private static void send(StreamFixture f, int... bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b : bytes) {
      out.write(b);
    }
    f.peerOut().write(out.toByteArray());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}

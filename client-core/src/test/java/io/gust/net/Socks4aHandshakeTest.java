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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SOCKS4a handshake against a scripted proxy: a blocking peer socket the test drives. */
@Timeout(20)
class Socks4aHandshakeTest {
  private static final byte[] GRANTED = {0, 90, 0, 0, 0, 0, 0, 0};

  @RegisterExtension final LeakCheck leaks = new LeakCheck();

  @Test
  void aNameGoesToTheProxyAndOriginBytesInTheReplyPacketStayReadable() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel =
          f.onLoop(() -> Socks4aHandshake.start(f.stream, "example.com", 80, "gust"));
      byte[] expected = "\u0004\u0001\u0000\u0050\u0000\u0000\u0000\u0001gust\u0000example.com\u0000"
          .getBytes(US_ASCII);
      assertArrayEquals(expected, f.peerIn().readNBytes(expected.length));
      byte[] reply = new byte[GRANTED.length + 2];
      System.arraycopy(GRANTED, 0, reply, 0, GRANTED.length);
      reply[8] = 'O';
      reply[9] = 'K';
      f.peerOut().write(reply);
      assertSame(f.stream, await(tunnel));
      assertEquals("OK", await(f.onLoop(() -> f.stream.readBytes(2))).readUtf8());
    }
  }

  @Test
  void anIpv4LiteralIsPlainSocks4AndIpv6IsRefused() {
    assertArrayEquals(new byte[] {4, 1, 0x1f, (byte) 0x90, 10, 0, 0, 7, 0},
        Socks4aHandshake.request("10.0.0.7", 8080, null).readByteArray());
    assertThrows(IllegalArgumentException.class, () -> Socks4aHandshake.request("::1", 80, null));
    assertThrows(IllegalArgumentException.class,
        () -> Socks4aHandshake.request("example.com", 80, "a\0b"));
  }

  @ParameterizedTest
  @ValueSource(ints = {91, 92, 93})
  void refusalsAreTypedReplies(int code) throws Exception {
    SocksException e = failWith(0, code, 0, 0, 0, 0, 0, 0);
    assertEquals(Failure.REPLY, e.failure());
    assertEquals(code, e.replyCode());
    assertTrue(e.getMessage().contains("reply " + code), e.getMessage());
  }

  @Test
  void aWrongVersionAndAnUnknownCodeAreTyped() throws Exception {
    assertEquals(Failure.WRONG_VERSION, failWith(5, 0, 0, 0, 0, 0, 0, 0).failure());
    assertEquals(Failure.MALFORMED_REPLY, failWith(0, 17, 0, 0, 0, 0, 0, 0).failure());
  }

  @Test
  void aTruncatedReplyIsTyped() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = requested(f);
      f.peerOut().write(new byte[] {0, 90, 0});
      f.peer.shutdownOutput();
      assertEquals(Failure.TRUNCATED_REPLY, awaitFailure(SocksException.class, tunnel).failure());
      assertFalse(f.onLoop(f.stream::isOpen));
    }
  }

  private static SocksException failWith(int... reply) throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<ChannelStream> tunnel = requested(f);
      byte[] bytes = new byte[reply.length];
      for (int i = 0; i < reply.length; i++) {
        bytes[i] = (byte) reply[i];
      }
      f.peerOut().write(bytes);
      SocksException e = awaitFailure(SocksException.class, tunnel);
      assertFalse(f.onLoop(f.stream::isOpen), "the stream was left open");
      return e;
    }
  }

  /** Starts a handshake to 127.0.0.1:80 and reads its request. */
  private static CompletableFuture<ChannelStream> requested(StreamFixture f) throws Exception {
    CompletableFuture<ChannelStream> tunnel =
        f.onLoop(() -> Socks4aHandshake.start(f.stream, "127.0.0.1", 80, null));
    assertArrayEquals(new byte[] {4, 1, 0, 80, 127, 0, 0, 1, 0}, f.peerIn().readNBytes(9));
    return tunnel;
  }
}

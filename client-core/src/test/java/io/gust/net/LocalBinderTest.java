package io.gust.net;

import static io.gust.net.StreamFixture.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gust.client.SourceAddress;
import io.gust.loop.EventLoop;
import io.gust.testing.LeakCheck;
import io.gust.testing.LoopbackPorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Happy Eyeballs with a source address: only the source's family is tried. */
@Timeout(20)
class LocalBinderTest {
  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  private final EventLoop loop = EventLoop.create();

  @AfterEach
  void stop() {
    loop.close();
  }

  @Test
  void anIpv4SourceNeverTriesTheIpv6Addresses() throws Exception {
    int closed = LoopbackPorts.free();
    InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), closed);
    InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), closed);
    TcpConnector connector = TcpConnector.builder()
        .sourceAddress(SourceAddress.of(InetAddress.getByName("127.0.0.1"))).build();
    ConnectFailedException e = awaitFailure(ConnectFailedException.class,
        connector.connect(loop, List.of(v6, v4), Duration.ofSeconds(5)));
    assertEquals(List.of(v4), e.addresses());
  }

  @Test
  void noAddressOfTheSourceFamilyFailsBeforeAnyAttempt() throws Exception {
    TcpConnector connector = TcpConnector.builder()
        .sourceAddress(SourceAddress.of(InetAddress.getByName("::1"))).build();
    awaitFailure(BindFailedException.class, connector.connect(loop,
        List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9)),
        Duration.ofSeconds(5)));
  }
}

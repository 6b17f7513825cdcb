package io.gust.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.LeakCheck;
import io.gust.testing.ScriptedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outgoing connections bound to a local address over loopback (Linux routes all of 127/8 to lo,
 * so 127.0.0.2 is a second local address), with the peer address observed by the server.
 */
@Timeout(20)
class SourceAddressEndToEndTest {
  private static final InetAddress SECOND = address("127.0.0.2");

  @RegisterExtension final LeakCheck leaks = new LeakCheck();
  /** The peer of every connection the server accepted, in order. */
  private final BlockingQueue<InetSocketAddress> peers = new LinkedBlockingQueue<>();
  private ScriptedServer server;

  @BeforeEach
  void start() throws IOException {
    server = ScriptedServer.start((socket, index) -> {
      peers.add((InetSocketAddress) socket.getRemoteSocketAddress());
      ScriptedServer.keepAliveOk(socket, index);
    });
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void theServerSeesTheBoundAddress() throws Exception {
    assertEquals(SECOND, fetchFrom(SourceAddress.of(SECOND)).getAddress());
    assertEquals(InetAddress.getLoopbackAddress(),
        fetchFrom(SourceAddress.of(InetAddress.getLoopbackAddress())).getAddress());
  }

  @Test
  void aPortRangeSkipsTakenPorts() throws Exception {
    try (ServerSocket taken = takeAPortWithAFreeNext()) {
      int port = taken.getLocalPort();
      InetSocketAddress peer = fetchFrom(SourceAddress.of(SECOND).withPorts(port, port + 1));
      assertEquals(new InetSocketAddress(SECOND, port + 1), peer);
    }
  }

  @Test
  void aRangeWhosePortsAreAllTakenIsALocalBindError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, SECOND)) {
      int port = taken.getLocalPort();
      LocalBindException e = failure(SourceAddress.of(SECOND).withPorts(port, port));
      assertTrue(e.getMessage().contains("every local port " + port + "-" + port), e.getMessage());
      assertEquals(Phase.CONNECT, e.phase());
    }
    assertEquals(0, server.acceptedCount());
  }

  @Test
  void anAddressThatIsNotLocalIsALocalBindError() throws Exception {
    LocalBindException e = failure(SourceAddress.of(address("192.0.2.1")));
    assertTrue(e.getMessage().contains("192.0.2.1"), e.getMessage());
    assertEquals(0, server.acceptedCount());
  }

  @Test
  void aDestinationWithNoAddressOfTheSourceFamilyIsALocalBindError() throws Exception {
    LocalBindException e = failure(SourceAddress.of(address("::1")));
    assertTrue(e.getMessage().contains("family"), e.getMessage());
  }

  private InetSocketAddress fetchFrom(SourceAddress source) throws Exception {
    try (AsyncHttpClient client = leaks.track(
        AsyncHttpClient.builder().sourceAddress(source).build())) {
      HttpResponse response = client.fetch(server.url("/")).get(10, TimeUnit.SECONDS);
      assertEquals("ok", response.bodyString());
    }
    return peers.poll(5, TimeUnit.SECONDS);
  }

  private LocalBindException failure(SourceAddress source) throws Exception {
    try (AsyncHttpClient client = leaks.track(
        AsyncHttpClient.builder().sourceAddress(source).build())) {
      CompletableFuture<HttpResponse> response = client.fetch(server.url("/"));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> response.get(10, TimeUnit.SECONDS));
      return assertInstanceOf(LocalBindException.class, e.getCause());
    }
  }

  /** A listening socket on 127.0.0.2 whose port's successor was free a moment ago. */
  private static ServerSocket takeAPortWithAFreeNext() throws IOException {
    for (int i = 0; i < 20; i++) {
      ServerSocket taken = new ServerSocket(0, 1, SECOND);
      int next = taken.getLocalPort() + 1;
      if (next <= 65535) {
        try (Socket probe = new Socket()) {
          probe.bind(new InetSocketAddress(SECOND, next));
          return taken;
        } catch (IOException e) {
          // The successor is in use: try another port.
        }
      }
      taken.close();
    }
    throw new AssertionError("no port on 127.0.0.2 with a free successor");
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

package io.gust.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Fault.Direction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FaultProxyTest {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

  private ServerSocket upstream;
  private FaultProxy proxy;
  private final List<Socket> sockets = new ArrayList<>();
  private int fdsBefore;

  /** Opens the descriptors the JDK keeps after its first loopback connection, before counting. */
  @BeforeAll
  static void warmUpSockets() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      client.getOutputStream().write(HELLO);
      server.getInputStream().readNBytes(HELLO.length);
    }
  }

  @BeforeEach
  void openUpstream() throws IOException {
    fdsBefore = OpenFiles.count();
    upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void closeEverything() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    upstream.close();
    assertTrue(proxyThreads().isEmpty(), () -> "threads left: " + proxyThreads());
    OpenFiles.awaitAtMost(fdsBefore, Duration.ofSeconds(5));
  }

  /** A client socket connected through the proxy, and the server's end of it. */
  private record Pair(Socket client, Socket server) {}

  private Pair connect(Fault fault) throws IOException {
    return connect(index -> fault);
  }

  private Pair connect(IntFunction<Fault> plan) throws IOException {
    if (proxy == null) {
      proxy = FaultProxy.start((InetSocketAddress) upstream.getLocalSocketAddress(), plan);
    }
    Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    sockets.add(client);
    Socket server = upstream.accept();
    sockets.add(server);
    client.setSoTimeout(10_000);
    server.setSoTimeout(10_000);
    return new Pair(client, server);
  }

  private static byte[] readToEnd(Socket socket) throws IOException {
    return socket.getInputStream().readAllBytes();
  }

  private static byte[] readExactly(Socket socket, int byteCount) throws IOException {
    byte[] bytes = socket.getInputStream().readNBytes(byteCount);
    assertEquals(byteCount, bytes.length, "the stream ended early");
    return bytes;
  }

  private static List<String> proxyThreads() {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("fault-proxy-") && thread.isAlive()) {
        names.add(thread.getName());
      }
    }
    return names;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void withoutFaultBothDirectionsPassUntouchedAndEndsPropagate() throws IOException {
    Pair pair = connect(Fault.none());
    pair.client().getOutputStream().write(HELLO);
    pair.client().shutdownOutput();
    assertArrayEquals(HELLO, readToEnd(pair.server()));
    pair.server().getOutputStream().write(ascii("world"));
    pair.server().shutdownOutput();
    assertArrayEquals(ascii("world"), readToEnd(pair.client()));
    assertEquals(1, proxy.connectionCount());
    assertEquals(0, proxy.faultsStruck());
  }

  @Test
  void delayHoldsTheStreamAtTheOffsetThenForwardsTheRest() throws IOException {
    Pair pair = connect(Fault.delay(Direction.SERVER_TO_CLIENT, 2, Duration.ofMillis(300)));
    pair.server().getOutputStream().write(HELLO);
    assertArrayEquals(ascii("he"), readExactly(pair.client(), 2));
    long start = System.nanoTime();
    assertArrayEquals(ascii("llo"), readExactly(pair.client(), 3));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "no delay");
  }

  @Test
  void dropSendsFinToBothPeersAtTheOffset() throws IOException {
    Pair pair = connect(Fault.drop(Direction.CLIENT_TO_SERVER, 3));
    pair.client().getOutputStream().write(HELLO);
    assertArrayEquals(ascii("hel"), readToEnd(pair.server()));
    assertArrayEquals(new byte[0], readToEnd(pair.client()));
    assertEquals(1, proxy.faultsStruck());
  }

  @Test
  void resetMakesBothPeersSeeAConnectionReset() throws IOException {
    Pair pair = connect(Fault.reset(Direction.SERVER_TO_CLIENT, 2));
    pair.server().getOutputStream().write(HELLO);
    InputStream in = pair.client().getInputStream();
    SocketException reset = assertThrows(SocketException.class, () -> {
      for (int read = 0; read <= 2; read++) {
        if (in.read() < 0) {
          return;
        }
      }
    });
    assertTrue(reset.getMessage().contains("reset"), reset::getMessage);
    assertThrows(SocketException.class, () -> pair.server().getInputStream().read());
  }

  @Test
  void stallStopsForwardingButKeepsTheConnectionOpen() throws IOException {
    Pair pair = connect(Fault.stall(Direction.SERVER_TO_CLIENT, 2));
    pair.server().getOutputStream().write(HELLO);
    assertArrayEquals(ascii("he"), readExactly(pair.client(), 2));
    pair.client().setSoTimeout(300);
    assertThrows(SocketTimeoutException.class, () -> pair.client().getInputStream().read());
    pair.client().getOutputStream().write(ascii("still flowing"));
    assertArrayEquals(ascii("still flowing"), readExactly(pair.server(), 13));
  }

  @Test
  void closingTheProxyEndsAStalledConnection() throws IOException {
    Pair pair = connect(Fault.stall(Direction.SERVER_TO_CLIENT, 0));
    pair.server().getOutputStream().write(HELLO);
    proxy.close();
    assertEquals(-1, pair.client().getInputStream().read());
    assertTrue(proxyThreads().isEmpty(), () -> "threads left: " + proxyThreads());
  }

  @Test
  void truncateEndsOneDirectionAtTheOffsetWhileTheOtherFlows() throws IOException {
    Pair pair = connect(Fault.truncate(Direction.SERVER_TO_CLIENT, 3));
    pair.server().getOutputStream().write(HELLO);
    assertArrayEquals(ascii("hel"), readToEnd(pair.client()));
    pair.client().getOutputStream().write(ascii("more"));
    assertArrayEquals(ascii("more"), readExactly(pair.server(), 4));
  }

  @Test
  void splitWritesDeliversTheSameBytes() throws IOException {
    Pair pair = connect(Fault.splitWrites(Direction.SERVER_TO_CLIENT, 1));
    byte[] body = new byte[3000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    pair.server().getOutputStream().write(body);
    pair.server().shutdownOutput();
    assertArrayEquals(body, readToEnd(pair.client()));
    assertEquals(1, proxy.faultsStruck());
  }

  @Test
  void corruptFlipsTheMaskedBitsOfOneByte() throws IOException {
    Pair pair = connect(Fault.corrupt(Direction.CLIENT_TO_SERVER, 1, 0x20));
    pair.client().getOutputStream().write(HELLO);
    pair.client().shutdownOutput();
    assertArrayEquals(ascii("hEllo"), readToEnd(pair.server()));
  }

  @Test
  void eachConnectionGetsTheFaultItsIndexPlans() throws IOException {
    Pair first = connect(index -> index == 0 ? Fault.none() : Fault.truncate(Direction.SERVER_TO_CLIENT, 1));
    Pair second = connect(index -> Fault.none());
    first.server().getOutputStream().write(HELLO);
    first.server().shutdownOutput();
    second.server().getOutputStream().write(HELLO);
    assertArrayEquals(HELLO, readToEnd(first.client()));
    assertArrayEquals(ascii("h"), readToEnd(second.client()));
  }

  @Test
  void aRandomPlanRepeatsForItsSeed() {
    IntFunction<Fault> once = Fault.randomPlan(42, 1000, Duration.ofMillis(50));
    IntFunction<Fault> again = Fault.randomPlan(42, 1000, Duration.ofMillis(50));
    List<Fault.Kind> kinds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Fault fault = once.apply(i);
      assertEquals(fault, again.apply(i));
      assertTrue(fault.offset() < 1000 && fault.delay().compareTo(Duration.ofMillis(50)) <= 0);
      kinds.add(fault.kind());
    }
    for (Fault.Kind kind : Fault.Kind.values()) {
      assertTrue(kinds.contains(kind), () -> kind + " never drawn");
    }
  }
}

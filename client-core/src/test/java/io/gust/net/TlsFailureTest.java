package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.awaitFailure;
import static io.gust.net.StreamFixture.onLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.client.TlsFailure;
import io.gust.client.TlsOptions;
import io.gust.testing.ManualLoop;
import io.gust.testing.TlsCertificates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class TlsFailureTest {
  private static final Map<String, HeldCertificate> BAD_CERTIFICATES = Map.of(
      "WRONG_HOST", TlsCertificates.WRONG_HOST,
      "UNTRUSTED", TlsCertificates.UNTRUSTED,
      "EXPIRED", TlsCertificates.EXPIRED,
      "NOT_YET_VALID", TlsCertificates.NOT_YET_VALID);

  @ParameterizedTest
  @CsvSource({"WRONG_HOST, HOSTNAME_MISMATCH", "UNTRUSTED, UNTRUSTED_ISSUER", "EXPIRED, EXPIRED",
      "NOT_YET_VALID, NOT_YET_VALID"})
  void badServerCertificateFailsWithWhatIsWrongWithIt(String name, TlsFailure expected)
      throws Exception {
    assertRejected(BAD_CERTIFICATES.get(name), expected);
  }

  private static void assertRejected(HeldCertificate certificate, TlsFailure expected)
      throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.Pair pair = f.connect(TlsCertificates.clientOptions(),
          TlsCertificates.serverOptions(certificate), "localhost");
      TlsHandshakeException atClient = awaitFailure(TlsHandshakeException.class, pair.client);
      assertEquals(expected, atClient.failure(), atClient.toString());
      assertTrue(atClient.failure().isCertificateProblem());
      TlsHandshakeException atServer = awaitFailure(TlsHandshakeException.class, pair.server);
      assertEquals(TlsFailure.CERTIFICATE_REJECTED, atServer.failure(), atServer.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"WRONG_HOST", "UNTRUSTED", "EXPIRED", "NOT_YET_VALID"})
  void insecureSwitchAcceptsEveryBadCertificate(String name) throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsOptions insecure = TlsOptions.builder().insecureTrustAllCertificates().build();
      assertTrue(insecure.isInsecure());
      TlsFixture.Pair pair = f.connect(insecure,
          TlsCertificates.serverOptions(BAD_CERTIFICATES.get(name)), "localhost");
      ChannelStream client = await(pair.client);
      ChannelStream server = await(pair.server);
      assertEquals("ok", TlsStreamTest.exchange(client, server, "ok"));
    }
  }

  @Test
  void hostnameVerificationCanBeTurnedOffAlone() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsOptions noHostCheck = TlsOptions.builder().sslContext(TlsCertificates.clientContext())
          .verifyHostname(false).build();
      TlsFixture.Pair pair = f.connect(noHostCheck,
          TlsCertificates.serverOptions(TlsCertificates.WRONG_HOST), "localhost");
      await(pair.client);
      TlsFixture.Pair untrusted = f.connect(noHostCheck,
          TlsCertificates.serverOptions(TlsCertificates.UNTRUSTED), "localhost");
      assertEquals(TlsFailure.UNTRUSTED_ISSUER,
          awaitFailure(TlsHandshakeException.class, untrusted.client).failure());
      awaitFailure(TlsHandshakeException.class, untrusted.server);
    }
  }

  @Test
  void noCommonProtocolFailsAsProtocol() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsOptions tls13 = TlsOptions.builder().sslContext(TlsCertificates.clientContext())
          .protocols(List.of("TLSv1.3")).build();
      TlsOptions tls12 = TlsOptions.builder()
          .sslContext(TlsCertificates.serverContext(TlsCertificates.SERVER))
          .protocols(List.of("TLSv1.2")).build();
      TlsFixture.Pair pair = f.connect(tls13, tls12, "localhost");
      assertEquals(TlsFailure.PROTOCOL,
          awaitFailure(TlsHandshakeException.class, pair.client).failure());
      assertEquals(TlsFailure.PROTOCOL,
          awaitFailure(TlsHandshakeException.class, pair.server).failure());
    }
  }

  @Test
  void stalledHandshakeHitsTheTimeoutAndClosesTheSocket() throws Exception {
    ManualLoop manual = new ManualLoop();
    try (TlsFixture f = new TlsFixture(manual.loop)) {
      Duration timeout = Duration.ofSeconds(10);
      TlsOptions options = TlsOptions.builder().sslContext(TlsCertificates.clientContext())
          .handshakeTimeout(timeout).build();
      CompletableFuture<ChannelStream> client = f.connectTo(f.port(), options, "localhost");
      try (SocketChannel silent = f.listener.accept()) {
        manual.advanceOnto(timeout, client);
        TlsHandshakeException e = awaitFailure(TlsHandshakeException.class, client);
        assertEquals(TlsFailure.HANDSHAKE_TIMEOUT, e.failure());
        assertFalse(e.failure().isCertificateProblem());
        assertEquals(-1, drain(silent));
        assertEquals(0, manual.pendingTimers(), "the handshake's timer outlived it");
      }
    }
  }

  private static int drain(SocketChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    int read;
    do {
      buffer.clear();
      read = channel.read(buffer);
    } while (read > 0);
    return read;
  }

  @Test
  void cancellingTheHandshakeClosesTheSocket() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      CompletableFuture<ChannelStream> client = f.connectTo(f.port(),
          TlsCertificates.clientOptions(), "localhost");
      try (SocketChannel silent = f.listener.accept()) {
        assertTrue(client.cancel(true));
        assertEquals(-1, drain(silent));
      }
    }
  }

  /** Tasks queue here until the test runs them; the first one counts down {@link #queued}. */
  private static final class HeldTasks implements Executor {
    final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    final CountDownLatch queued = new CountDownLatch(1);

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
      queued.countDown();
    }

    void runAll() {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    }
  }

  private static TlsOptions heldClientOptions(HeldTasks held, Duration handshakeTimeout) {
    return TlsOptions.builder().sslContext(TlsCertificates.clientContext()).taskExecutor(held)
        .handshakeTimeout(handshakeTimeout).build();
  }

  /** Regression: the ClientHello's key pairs were generated on the loop thread, holding it up. */
  @Test
  void clientHelloIsProducedOnTheTaskExecutorNotOnTheLoop() throws Exception {
    HeldTasks held = new HeldTasks();
    try (TlsFixture f = new TlsFixture()) {
      f.connectTo(f.port(), heldClientOptions(held, Duration.ofSeconds(10)), "localhost");
      try (SocketChannel silent = f.listener.accept()) {
        assertTrue(held.queued.await(10, TimeUnit.SECONDS), "the ClientHello was made elsewhere");
        silent.configureBlocking(false);
        assertEquals(0, silent.read(ByteBuffer.allocate(1)), "bytes sent before the task ran");
        held.runAll();
        silent.configureBlocking(true);
        ByteBuffer first = ByteBuffer.allocate(1);
        assertEquals(1, silent.read(first));
        assertEquals(0x16, first.get(0), "a TLS handshake record");
      }
    }
  }

  @Test
  void cancellingWhileTheClientHelloIsProducedClosesTheSocket() throws Exception {
    HeldTasks held = new HeldTasks();
    try (TlsFixture f = new TlsFixture()) {
      CompletableFuture<ChannelStream> client =
          f.connectTo(f.port(), heldClientOptions(held, Duration.ofSeconds(10)), "localhost");
      try (SocketChannel silent = f.listener.accept()) {
        assertTrue(held.queued.await(10, TimeUnit.SECONDS));
        assertTrue(client.cancel(true));
        assertEquals(-1, drain(silent));
        held.runAll();
        assertEquals(0, onLoop(f.clientLoop, () -> f.clientLoop.stats().pendingTimers()),
            "the handshake timer outlived the cancelled handshake");
      }
    }
  }

  @Test
  void timeoutWhileTheClientHelloIsProducedFailsAndClosesTheSocket() throws Exception {
    HeldTasks held = new HeldTasks();
    ManualLoop manual = new ManualLoop();
    Duration timeout = Duration.ofSeconds(10);
    try (TlsFixture f = new TlsFixture(manual.loop)) {
      CompletableFuture<ChannelStream> client =
          f.connectTo(f.port(), heldClientOptions(held, timeout), "localhost");
      try (SocketChannel silent = f.listener.accept()) {
        manual.advanceOnto(timeout, client);
        TlsHandshakeException e = awaitFailure(TlsHandshakeException.class, client);
        assertEquals(TlsFailure.HANDSHAKE_TIMEOUT, e.failure());
        assertEquals(-1, drain(silent));
        held.runAll();
      }
    }
  }

  @Test
  void clientCertificateIsRequiredAndAccepted() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsOptions server = TlsOptions.builder()
          .sslContext(TlsCertificates.serverContext(TlsCertificates.SERVER))
          .clientAuth(TlsOptions.ClientAuth.REQUIRED).build();
      TlsOptions withCertificate = TlsOptions.builder()
          .sslContext(TlsCertificates.clientContext(TlsCertificates.CLIENT)).build();
      TlsFixture.Pair pair = f.connect(withCertificate, server, "localhost");
      ChannelStream client = await(pair.client);
      ChannelStream accepted = await(pair.server);
      assertEquals(TlsCertificates.CLIENT.certificate(),
          onLoop(f.serverLoop, accepted::tlsInfo).peerCertificates().get(0));
      assertEquals("hi", TlsStreamTest.exchange(client, accepted, "hi"));

      TlsFixture.Pair without = f.connect(TlsCertificates.clientOptions(), server, "localhost");
      assertEquals(TlsFailure.CERTIFICATE_REJECTED,
          awaitFailure(TlsHandshakeException.class, without.server).failure());
      // In TLS 1.3 the client may finish first and hear the rejection on its next read.
      TlsHandshakeException atClient =
          assertInstanceOf(TlsHandshakeException.class, clientOutcome(without.client));
      assertEquals(TlsFailure.CERTIFICATE_REJECTED, atClient.failure());
    }
  }

  private static Throwable clientOutcome(CompletableFuture<ChannelStream> client) {
    try {
      ChannelStream stream = await(client);
      await(onLoop(stream.loop(), stream::readUntilClose));
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void renegotiationRequestFromTls12PeerFailsTheStream() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      TlsFixture.JdkServer jdk = f.jdkServer(
          TlsCertificates.serverContext(TlsCertificates.SERVER),
          s -> s.setEnabledProtocols(new String[] {"TLSv1.2"}));
      jdk.serveOnce(socket -> {
        TlsStreamTest.echo(socket, 4);
        socket.startHandshake();
        return socket.getInputStream().read();
      });
      ChannelStream client = await(f.connectTo(jdk.port(), TlsCertificates.clientOptions(),
          "localhost"));
      assertEquals("ping", TlsStreamTest.exchangeWithPeer(client, "ping"));
      CompletableFuture<Buffer> rest = onLoop(f.clientLoop, client::readUntilClose);
      TlsHandshakeException e = awaitFailure(TlsHandshakeException.class, rest);
      assertEquals(TlsFailure.RENEGOTIATION, e.failure());
    }
  }

  @Test
  void delegatedTasksRunOnTheGivenExecutorNotOnTheLoop() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    Executor executor = task -> {
      Thread thread = new Thread(() -> {
        threads.add(Thread.currentThread().getName());
        task.run();
      }, "custom-tls-task");
      thread.setDaemon(true);
      thread.start();
    };
    try (TlsFixture f = new TlsFixture()) {
      TlsOptions client = TlsOptions.builder().sslContext(TlsCertificates.clientContext())
          .taskExecutor(executor).build();
      TlsOptions server = TlsOptions.builder()
          .sslContext(TlsCertificates.serverContext(TlsCertificates.SERVER))
          .taskExecutor(executor).build();
      TlsFixture.Pair pair = f.connect(client, server, "localhost");
      assertEquals("ok", TlsStreamTest.exchange(await(pair.client), await(pair.server), "ok"));
    }
    assertFalse(threads.isEmpty(), "no delegated task ran");
    assertTrue(threads.stream().allMatch("custom-tls-task"::equals), threads.toString());
  }
}

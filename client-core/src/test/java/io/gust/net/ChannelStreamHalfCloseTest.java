package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.awaitFailure;
import static io.gust.net.StreamFixture.onLoop;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.OpenFiles;
import io.gust.testing.TlsCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The peer's end of input: a whole close by default, a half close when the owner allows it. */
@Timeout(30)
class ChannelStreamHalfCloseTest {
  private static final int ROUND_TRIPS = 200;

  @Test
  void peerEndingItsOutputClosesTheStreamByDefault() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Throwable> closed = f.closeCause();
      CompletableFuture<Buffer> all = f.onLoop(f.stream::readUntilClose);
      f.peerOut().write("request".getBytes(US_ASCII));
      f.peer.shutdownOutput();
      assertEquals("request", await(all).readUtf8());
      assertTrue(((StreamClosedException) await(closed)).isClosedByPeer());
      assertFalse(f.onLoop(f.stream::isOpen));
      assertEquals(-1, f.peerIn().read(), "the peer should see the whole close");
    }
  }

  @Test
  void halfCloseEndsThePendingReadAndStillDeliversTheAnswer() throws Exception {
    int fdsBefore = OpenFiles.count();
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Throwable> closed = f.closeCause();
      CompletableFuture<Buffer> all = f.onLoop(() -> {
        f.stream.allowHalfClose();
        return f.stream.readUntilClose();
      });
      f.peerOut().write("request".getBytes(US_ASCII));
      f.peer.shutdownOutput();
      assertEquals("request", await(all).readUtf8());
      assertTrue(f.onLoop(f.stream::isInputEnded));
      assertTrue(f.onLoop(f.stream::isOpen));
      assertFalse(f.onLoop(f.stream::isHealthy), "a half-closed stream is no pool candidate");

      await(f.onLoop(() -> f.stream.write(new Buffer().writeUtf8("answer"))));
      assertEquals("answer", new String(f.peerIn().readNBytes(6), US_ASCII));
      assertFalse(closed.isDone(), "closed before the owner said so");
      f.run(f.stream::close);
      assertEquals(-1, f.peerIn().read(), "the peer should see the close after the answer");
      assertNull(await(closed));
    }
    OpenFiles.awaitAtMost(fdsBefore, Duration.ofSeconds(5));
  }

  @Test
  void readsAfterTheInputEndedTakeWhatIsBufferedThenEnd() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> first = f.onLoop(() -> {
        f.stream.allowHalfClose();
        return f.stream.readBytes(3);
      });
      f.peerOut().write("abcdef".getBytes(US_ASCII));
      f.peer.shutdownOutput();
      assertEquals("abc", await(first).readUtf8());
      assertEquals("def", await(f.onLoop(() -> f.stream.readBytes(3))).readUtf8());
      CompletableFuture<Buffer> beyond = f.onLoop(() -> f.stream.readBytes(1));
      assertTrue(awaitFailure(StreamClosedException.class, beyond).isClosedByPeer());
      assertTrue(f.onLoop(f.stream::isInputEnded));

      CompletableFuture<String> listenerEnd = new CompletableFuture<>();
      f.run(() -> f.stream.readWith(new Recorder(listenerEnd)));
      assertEquals("end", await(listenerEnd));
      CompletableFuture<String> consumerEnd = new CompletableFuture<>();
      f.run(() -> f.stream.readStream(new StreamConsumer() {
        @Override
        public void onData(Buffer chunk) {
          consumerEnd.complete("data " + chunk.readUtf8());
        }

        @Override
        public void onEnd() {
          consumerEnd.complete("end");
        }

        @Override
        public void onError(Throwable cause) {
          consumerEnd.complete("error " + cause);
        }
      }));
      assertEquals("end", await(consumerEnd));
      assertEquals(0, await(f.onLoop(f.stream::readUntilClose)).size());
    }
  }

  @Test
  void listenerReadHearsTheEndWithWhatItLeftAndTheStreamStaysOpen() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<String> ended = new CompletableFuture<>();
      f.run(() -> {
        f.stream.allowHalfClose();
        f.stream.readWith(new Recorder(ended) {
          @Override
          public boolean onReadable(Buffer buffered) {
            return true; // leaves every byte, as a parser waiting for more would
          }
        });
      });
      f.peerOut().write("partial".getBytes(US_ASCII));
      f.peer.shutdownOutput();
      assertEquals("end with partial", await(ended));
      assertTrue(f.onLoop(f.stream::isOpen));
    }
  }

  /** Regression: a socket at its end stays readable, so keeping read interest spins the loop. */
  @Test
  void halfClosedStreamNoLongerWatchesItsSocket() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<String> ended = new CompletableFuture<>();
      AtomicInteger readableCalls = new AtomicInteger();
      f.run(() -> {
        f.stream.allowHalfClose();
        f.stream.readWith(new Recorder(ended) {
          @Override
          public boolean onReadable(Buffer buffered) {
            readableCalls.incrementAndGet();
            buffered.clear();
            return true;
          }
        });
      });
      f.peerOut().write('x');
      f.peer.shutdownOutput();
      assertEquals("end", await(ended));
      int readsAtEnd = readableCalls.get();

      long tasksBefore = f.loop.stats().tasksRun();
      for (int i = 0; i < ROUND_TRIPS; i++) {
        f.onLoop(f.stream::isInputEnded);
      }
      long tasksRun = f.loop.stats().tasksRun() - tasksBefore;
      assertTrue(tasksRun < ROUND_TRIPS * 3 / 2, tasksRun + " units of work for " + ROUND_TRIPS
          + " round trips: the loop keeps dispatching the ended socket");
      assertEquals(readsAtEnd, readableCalls.get());
      assertTrue(f.onLoop(f.stream::isOpen));
    }
  }

  @Test
  void writeFailureAfterTheInputEndedClosesTheStream() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Throwable> closed = f.closeCause();
      CompletableFuture<Buffer> all = f.onLoop(() -> {
        f.stream.allowHalfClose();
        return f.stream.readUntilClose();
      });
      f.peer.shutdownOutput();
      await(all);
      f.peer.setSoLinger(true, 0);
      f.peer.close();
      CompletableFuture<Void> write = f.onLoop(() -> f.stream.write(new Buffer().writeUtf8("x")));
      IOException failure = awaitFailure(IOException.class, write);
      assertEquals(failure, await(closed));
      assertFalse(f.onLoop(f.stream::isOpen));
    }
  }

  @Test
  void tls13CloseNotifyEndsTheInputAndTheAnswerStillGoesOut() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      CountDownLatch halfCloseAllowed = new CountDownLatch(1);
      CompletableFuture<String> jdkClient = StreamFixture.inThread("jdk-tls-client", () -> {
        try (SSLSocket socket = jdkClient(f, "TLSv1.3")) {
          socket.getOutputStream().write("ping".getBytes(US_ASCII));
          assertTrue(halfCloseAllowed.await(5, TimeUnit.SECONDS));
          socket.shutdownOutput();
          return new String(socket.getInputStream().readAllBytes(), US_ASCII);
        }
      });
      ChannelStream server = await(f.acceptTls(
          TlsCertificates.serverOptions(TlsCertificates.SERVER)));
      CompletableFuture<Buffer> request = onLoop(f.serverLoop, () -> {
        server.allowHalfClose();
        return server.readUntilClose();
      });
      halfCloseAllowed.countDown();
      assertEquals("ping", await(request).readUtf8());
      assertTrue(onLoop(f.serverLoop, server::isInputEnded));
      assertFalse(onLoop(f.serverLoop, server::isTruncatedTls), "close_notify was sent");
      onLoop(f.serverLoop, () -> {
        server.write(new Buffer().writeUtf8("pong"));
        server.close();
        return null;
      });
      assertEquals("pong", await(jdkClient));
    }
  }

  @Test
  void tls12CloseNotifyStillClosesTheWholeStream() throws Exception {
    try (TlsFixture f = new TlsFixture()) {
      CountDownLatch halfCloseAllowed = new CountDownLatch(1);
      CompletableFuture<Void> jdkClient = StreamFixture.inThread("jdk-tls-client", () -> {
        try (SSLSocket socket = jdkClient(f, "TLSv1.2")) {
          socket.getOutputStream().write("ping".getBytes(US_ASCII));
          assertTrue(halfCloseAllowed.await(5, TimeUnit.SECONDS));
        }
        return null;
      });
      ChannelStream server = await(f.acceptTls(
          TlsCertificates.serverOptions(TlsCertificates.SERVER)));
      CompletableFuture<Throwable> closed = new CompletableFuture<>();
      CompletableFuture<Buffer> request = onLoop(f.serverLoop, () -> {
        server.allowHalfClose();
        server.addCloseListener(closed::complete);
        return server.readUntilClose();
      });
      halfCloseAllowed.countDown();
      await(jdkClient);
      assertEquals("ping", await(request).readUtf8());
      assertTrue(((StreamClosedException) await(closed)).isClosedByPeer());
      assertFalse(onLoop(f.serverLoop, server::isOpen));
    }
  }

  private static SSLSocket jdkClient(TlsFixture f, String protocol) throws IOException {
    SSLSocket socket = (SSLSocket) TlsCertificates.clientContext().getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), f.port());
    socket.setEnabledProtocols(new String[] {protocol});
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Completes with "end", "end with LEFTOVER" or "error ..."; consumes all it is offered. */
  private static class Recorder implements ReadListener {
    private final CompletableFuture<String> result;

    Recorder(CompletableFuture<String> result) {
      this.result = result;
    }

    @Override
    public boolean onReadable(Buffer buffered) {
      buffered.clear();
      return true;
    }

    @Override
    public void onEnd(Buffer buffered) {
      result.complete(buffered.size() == 0 ? "end" : "end with " + buffered.readUtf8());
    }

    @Override
    public void onError(Throwable cause) {
      result.complete("error " + cause);
    }
  }
}

package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.awaitFailure;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gust.testing.Eventually;
import io.gust.testing.OpenFiles;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ChannelStreamTest {
  private static final ByteString CRLF = ByteString.encodeUtf8("\r\n");

  @Test
  void delimiterReadsSplitAcrossOneByteWrites() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> first = f.onLoop(() -> f.stream.readUntil(CRLF, 1024));
      CompletableFuture<Buffer> second = null;
      byte[] bytes = "hello\r\nworld\r\n".getBytes(US_ASCII);
      OutputStream out = f.peerOut();
      for (int i = 0; i < bytes.length; i++) {
        out.write(bytes[i]);
        out.flush();
        f.awaitBytesRead(i + 1);
        if (i < 6) {
          assertFalse(first.isDone(), "completed before the delimiter at byte " + i);
        } else if (i == 6) {
          assertEquals("hello\r\n", await(first).readUtf8());
          second = f.onLoop(() -> f.stream.readUntil(CRLF, 1024));
        }
      }
      assertEquals("world\r\n", await(second).readUtf8());
    }
  }

  @Test
  void readUntilFailsWithOverflowAndClosesWhenNoDelimiterWithinMaxBytes() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> read = f.onLoop(() -> f.stream.readUntil(CRLF, 16));
      f.peerOut().write("0123456789abcdefghij\r\n".getBytes(US_ASCII));
      assertEquals(16, awaitFailure(ReadBufferOverflowException.class, read).limitBytes());
      assertFalse(f.onLoop(f.stream::isOpen));
    }
  }

  @Test
  void readUntilIsBoundedByTheReadBufferCap() throws Exception {
    try (StreamFixture f = StreamFixture.open(32)) {
      CompletableFuture<Buffer> read = f.onLoop(() -> f.stream.readUntil(CRLF, 1_000_000));
      f.peerOut().write(new byte[100]);
      assertEquals(32, awaitFailure(ReadBufferOverflowException.class, read).limitBytes());
    }
  }

  @Test
  void readBytesAboveTheCapFailsAtOnceAndLeavesTheStreamOpen() throws Exception {
    try (StreamFixture f = StreamFixture.open(1024)) {
      CompletableFuture<Buffer> tooBig = f.onLoop(() -> {
        CompletableFuture<Buffer> read = f.stream.readBytes(1025);
        assertTrue(read.isCompletedExceptionally(), "not failed at once");
        return read;
      });
      assertEquals(1024, awaitFailure(ReadBufferOverflowException.class, tooBig).limitBytes());
      CompletableFuture<Buffer> fits = f.onLoop(() -> f.stream.readBytes(3));
      f.peerOut().write("abc".getBytes(US_ASCII));
      assertEquals("abc", await(fits).readUtf8());
    }
  }

  @Test
  void peerCloseMidReadFailsThePendingReadWithStreamClosed() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Throwable> closed = f.closeCause();
      CompletableFuture<Buffer> read = f.onLoop(() -> f.stream.readBytes(10));
      f.peerOut().write("abc".getBytes(US_ASCII));
      f.peer.close();
      assertTrue(awaitFailure(StreamClosedException.class, read).isClosedByPeer());
      assertTrue(((StreamClosedException) await(closed)).isClosedByPeer());
      CompletableFuture<Buffer> later = f.onLoop(() -> f.stream.readBytes(4));
      assertTrue(later.isDone(), "a read after the close should fail at once");
      awaitFailure(StreamClosedException.class, later);
    }
  }

  @Test
  void readUntilCloseCompletesWithEverythingOnPeerClose() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> read = f.onLoop(f.stream::readUntilClose);
      byte[] body = new byte[200_000];
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) (i * 7);
      }
      f.peerOut().write(body);
      f.peer.close();
      assertEquals(ByteString.of(body), await(read).readByteString());
    }
  }

  @Test
  void bytesBufferedBeforePeerCloseStayReadable() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> head = f.onLoop(() -> f.stream.readUntil(CRLF, 1024));
      f.peerOut().write("head\r\nBODY".getBytes(US_ASCII));
      f.peer.close();
      assertEquals("head\r\n", await(head).readUtf8());
      assertEquals("BODY", await(f.onLoop(() -> f.stream.readBytes(4))).readUtf8());
      CompletableFuture<Buffer> beyond = f.onLoop(() -> f.stream.readBytes(1));
      assertTrue(awaitFailure(StreamClosedException.class, beyond).isClosedByPeer());
    }
  }

  @Test
  void resetFailsThePendingReadWithConnectionReset() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Throwable> closed = f.closeCause();
      CompletableFuture<Buffer> read = f.onLoop(() -> f.stream.readBytes(10));
      f.peer.setSoLinger(true, 0);
      f.peer.close();
      awaitFailure(ConnectionResetException.class, read);
      assertTrue(await(closed) instanceof ConnectionResetException);
    }
  }

  @Test
  void closeListenersFireOnceWithNullAfterLocalClose() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      List<Throwable> heard = new ArrayList<>();
      AtomicInteger calls = new AtomicInteger();
      f.run(() -> {
        f.stream.addCloseListener(cause -> {
          calls.incrementAndGet();
          heard.add(cause);
        });
        f.stream.close();
        f.stream.close();
        f.stream.addCloseListener(cause -> {
          calls.incrementAndGet();
          heard.add(cause);
        });
      });
      assertEquals(2, calls.get());
      assertNull(heard.get(0));
      assertNull(heard.get(1));
    }
  }

  @Test
  void localCloseFailsPendingReadsAndLaterWrites() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> read = f.onLoop(() -> f.stream.readBytes(10));
      f.run(f.stream::close);
      assertFalse(awaitFailure(StreamClosedException.class, read).isClosedByPeer());
      CompletableFuture<Void> write = f.onLoop(() -> f.stream.write(new Buffer().writeUtf8("x")));
      assertFalse(awaitFailure(StreamClosedException.class, write).isClosedByPeer());
      assertEquals(-1, f.peerIn().read(), "the peer should see the close");
    }
  }

  @Test
  void aSecondConcurrentReadIsRefused() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> first = f.onLoop(() -> f.stream.readUntil(CRLF, 1024));
      assertThrows(IllegalStateException.class, () -> f.onLoop(() -> f.stream.readBytes(1)));
      assertThrows(IllegalStateException.class, () -> f.onLoop(f.stream::readUntilClose));
      f.peerOut().write("ok\r\n".getBytes(US_ASCII));
      assertEquals("ok\r\n", await(first).readUtf8());
      f.onLoop(() -> f.stream.readBytes(1));
    }
  }

  @Test
  void aCancelledReadFreesTheSlotAndLeavesBytesForTheNext() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> abandoned = f.onLoop(() -> f.stream.readBytes(4));
      abandoned.cancel(false);
      CompletableFuture<Buffer> next = f.onLoop(() -> f.stream.readBytes(4));
      f.peerOut().write("abcd".getBytes(US_ASCII));
      assertEquals("abcd", await(next).readUtf8());
    }
  }

  @Test
  void writesReachThePeerInOrder() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Void> written = f.onLoop(() -> {
        f.stream.write(new Buffer().writeUtf8("one "), null);
        return f.stream.write(new Buffer().writeUtf8("two"));
      });
      await(written);
      byte[] received = f.peerIn().readNBytes(7);
      assertEquals("one two", new String(received, US_ASCII));
      assertEquals(7L, f.onLoop(f.stream::bytesWritten));
    }
  }

  @Test
  void idleStreamNoticesThePeerClosing() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      assertTrue(f.onLoop(f.stream::isHealthy));
      CompletableFuture<Throwable> closed = f.closeCause();
      f.peer.close();
      assertTrue(((StreamClosedException) await(closed)).isClosedByPeer());
      assertFalse(f.onLoop(f.stream::isHealthy));
    }
  }

  @Test
  void strayBytesOnAnIdleStreamMakeItUnhealthy() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      f.peerOut().write('x');
      Eventually.assertThat(Duration.ofSeconds(5), () -> "stray byte never noticed",
          () -> !f.onLoop(f.stream::isHealthy));
      assertEquals(1L, f.onLoop(f.stream::bufferedBytes));
      assertTrue(f.onLoop(f.stream::isOpen));
    }
  }

  @Test
  void closeLeavesNoFileDescriptorOpen() throws Exception {
    int before = OpenFiles.count();
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Buffer> read = f.onLoop(() -> f.stream.readBytes(2));
      f.peerOut().write("hi".getBytes(US_ASCII));
      await(read);
      f.run(f.stream::close);
    }
    OpenFiles.awaitAtMost(before, Duration.ofSeconds(5));
  }
}

package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.inThread;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bulk transfers, backpressure both ways, and parser-driven reads. */
@Timeout(30)
class ChannelStreamFlowTest {
  private static final int SMALL_SOCKET_BUFFER = 16 * 1024;
  private static final int CHUNK = 1024 * 1024;

  @Test
  void transfers64MiBBothWaysIntact() throws Exception {
    long size = 64L * 1024 * 1024;
    try (StreamFixture f = StreamFixture.open()) {
      Pattern.Checker checker = new Pattern.Checker() {
        @Override
        public void onData(Buffer chunk) {
          super.onData(chunk);
          if (received == size) {
            total.complete(received);
          }
        }
      };
      f.run(() -> f.stream.readStream(checker));
      CompletableFuture<Void> peerSent = inThread("peer-writer", () -> {
        for (long offset = 0; offset < size; offset += CHUNK) {
          f.peerOut().write(Pattern.bytes(offset, CHUNK));
        }
        return null;
      });
      CompletableFuture<Long> peerReceived =
          inThread("peer-reader", () -> readPattern(f.peerIn(), size));
      CompletableFuture<Void> streamSent = new CompletableFuture<>();
      f.run(() -> writeFrom(f.stream, 0, size, streamSent));

      await(peerSent);
      assertEquals(size, await(checker.total));
      await(streamSent);
      assertEquals(size, await(peerReceived));
      assertEquals(size, (long) f.onLoop(f.stream::bytesRead));
      assertEquals(size, (long) f.onLoop(f.stream::bytesWritten));
    }
  }

  @Test
  void pausedStreamStopsReadingAndResumeDeliversEveryByte() throws Exception {
    long cap = 64 * 1024;
    try (StreamFixture f = StreamFixture.open(cap, channel -> setOption(channel,
        StandardSocketOptions.SO_RCVBUF))) {
      f.peerChannel.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_SOCKET_BUFFER);
      CompletableFuture<Long> deliveredWhenPaused = new CompletableFuture<>();
      Pattern.Checker checker = new Pattern.Checker() {
        @Override
        public void onData(Buffer chunk) {
          super.onData(chunk);
          if (!deliveredWhenPaused.isDone()) {
            f.stream.pauseReading();
            deliveredWhenPaused.complete(received);
          }
        }
      };
      f.run(() -> f.stream.readStream(checker));
      f.peerOut().write(Pattern.bytes(0, 1000));
      long delivered = await(deliveredWhenPaused);

      long written = 1000 + writeUntilFull(f.peerChannel, 1000);
      assertEquals(delivered, (long) f.onLoop(f.stream::bytesRead), "read while paused");
      assertTrue(f.onLoop(f.stream::bufferedBytes) <= cap);

      f.run(f.stream::resumeReading);
      f.peerOut().write(Pattern.bytes(written, CHUNK));
      f.peerChannel.shutdownOutput();
      assertEquals(written + CHUNK, await(checker.total));
    }
  }

  @Test
  void writeLargerThanTheSocketBufferCompletesOnlyOnceDrained() throws Exception {
    int size = 8 * CHUNK;
    try (StreamFixture f = StreamFixture.open(ChannelStream.DEFAULT_READ_BUFFER_CAP_BYTES,
        channel -> setOption(channel, StandardSocketOptions.SO_SNDBUF))) {
      f.peer.setReceiveBufferSize(SMALL_SOCKET_BUFFER);
      byte[] data = Pattern.bytes(0, size);
      CompletableFuture<Void> write = f.onLoop(() -> f.stream.write(new Buffer().write(data)));
      assertTrue(f.onLoop(f.stream::pendingWriteBytes) > 0);
      assertFalse(write.isDone(), "completed before the peer read anything");

      assertEquals(size, readPattern(f.peerIn(), size));
      await(write);
      assertEquals(0L, f.onLoop(f.stream::pendingWriteBytes));
      assertEquals(size, (long) f.onLoop(f.stream::bytesWritten));
    }
  }

  @Test
  void manyWritesQueuedBehindAFullSocketCompleteInOrder() throws Exception {
    int size = 4 * CHUNK;
    int small = 40;
    try (StreamFixture f = StreamFixture.open(ChannelStream.DEFAULT_READ_BUFFER_CAP_BYTES,
        channel -> setOption(channel, StandardSocketOptions.SO_SNDBUF))) {
      f.peer.setReceiveBufferSize(SMALL_SOCKET_BUFFER);
      List<Integer> order = new ArrayList<>();
      CompletableFuture<Void> last = f.onLoop(() -> {
        f.stream.write(new Buffer().write(Pattern.bytes(0, size)), () -> order.add(-1));
        for (int i = 0; i < small - 1; i++) {
          int index = i;
          f.stream.write(new Buffer().write(Pattern.bytes(size + i, 1)), () -> order.add(index));
        }
        return f.stream.write(new Buffer().write(Pattern.bytes(size + small - 1, 1)));
      });
      assertFalse(last.isDone(), "completed before the peer read anything");

      assertEquals(size + small, readPattern(f.peerIn(), size + small));
      await(last);
      List<Integer> expected = new ArrayList<>();
      for (int i = -1; i < small - 1; i++) {
        expected.add(i);
      }
      assertEquals(expected, f.onLoop(() -> new ArrayList<>(order)));
    }
  }

  @Test
  void readListenerParsesFromTheStreamBufferAndLeavesLeftovers() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      HeadAndBodyParser parser = new HeadAndBodyParser(5);
      f.run(() -> f.stream.readWith(parser));
      String[] pieces = {"HTTP/1.1 200 OK\r", "\n\r", "\n12", "345NEXT"};
      long sent = 0;
      for (String piece : pieces) {
        f.peerOut().write(piece.getBytes(US_ASCII));
        sent += piece.length();
        f.awaitBytesRead(sent);
      }
      assertEquals("HTTP/1.1 200 OK\r\n\r\n|12345", await(parser.done));
      assertEquals(pieces.length, parser.calls);
      assertEquals(4L, f.onLoop(f.stream::bufferedBytes));
      assertEquals("NEXT", await(f.onLoop(() -> f.stream.readBytes(4))).readUtf8());
    }
  }

  /** Consumes a head ending in an empty line, then a body of known length; then stops. */
  private static final class HeadAndBodyParser implements ReadListener {
    private static final ByteString END_OF_HEAD = ByteString.encodeUtf8("\r\n\r\n");
    final CompletableFuture<String> done = new CompletableFuture<>();
    private final Buffer body = new Buffer();
    private long bodyRemaining;
    private String head;
    int calls;

    HeadAndBodyParser(long bodyLength) {
      this.bodyRemaining = bodyLength;
    }

    @Override
    public boolean onReadable(Buffer buffered) {
      calls++;
      try {
        return parse(buffered);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private boolean parse(Buffer buffered) throws IOException {
      if (head == null) {
        long end = buffered.indexOf(END_OF_HEAD);
        if (end < 0) {
          return true;
        }
        head = buffered.readUtf8(end + END_OF_HEAD.size());
      }
      long take = Math.min(bodyRemaining, buffered.size());
      body.write(buffered, take);
      bodyRemaining -= take;
      if (bodyRemaining > 0) {
        return true;
      }
      done.complete(head + "|" + body.readUtf8());
      return false;
    }

    @Override
    public void onEnd(Buffer buffered) {
      done.completeExceptionally(new EOFException("ended early"));
    }

    @Override
    public void onError(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  /** Writes the pattern from {@code offset} in chunks, each after the previous one completed. */
  private static void writeFrom(ChannelStream stream, long offset, long size,
      CompletableFuture<Void> done) {
    if (offset == size) {
      done.complete(null);
      return;
    }
    int length = (int) Math.min(CHUNK, size - offset);
    stream.write(new Buffer().write(Pattern.bytes(offset, length))).whenComplete((ok, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        writeFrom(stream, offset + length, size, done);
      }
    });
  }

  private static long readPattern(InputStream in, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long received = 0;
    while (received < size) {
      int length = in.read(buffer, 0, (int) Math.min(buffer.length, size - received));
      if (length < 0) {
        throw new EOFException("peer saw the end after " + received + " bytes");
      }
      Pattern.verify(buffer, length, received);
      received += length;
    }
    return received;
  }

  /** Writes the pattern without blocking until the socket takes no more; the bytes written. */
  private static long writeUntilFull(SocketChannel channel, long offset) throws IOException {
    channel.configureBlocking(false);
    long written = 0;
    while (true) {
      ByteBuffer block = ByteBuffer.wrap(Pattern.bytes(offset + written, 64 * 1024));
      int accepted = channel.write(block);
      if (accepted == 0) {
        break;
      }
      written += accepted;
      assertTrue(written < 64L * CHUNK, "the peer never blocked: the stream kept reading");
    }
    channel.configureBlocking(true);
    return written;
  }

  private static void setOption(SocketChannel channel, java.net.SocketOption<Integer> option) {
    try {
      channel.setOption(option, SMALL_SOCKET_BUFFER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

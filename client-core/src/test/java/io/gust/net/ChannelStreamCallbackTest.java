package io.gust.net;

import static io.gust.net.StreamFixture.await;
import static io.gust.net.StreamFixture.awaitFailure;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.gust.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streaming consumers, read listeners, write listeners, and what happens when they throw. */
@Timeout(20)
class ChannelStreamCallbackTest {
  private static final ByteString LF = ByteString.encodeUtf8("\n");

  @Test
  void streamingReadEndsAfterEveryByteWhenThePeerCloses() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      Pattern.Checker checker = new Pattern.Checker();
      f.run(() -> f.stream.readStream(checker));
      f.peerOut().write(Pattern.bytes(0, 300_000));
      f.peer.close();
      assertEquals(300_000L, await(checker.total));
    }
  }

  @Test
  void aThrowingConsumerFailsTheStreamWithItsExceptionAndLogsAWarning() throws Exception {
    try (StreamFixture f = StreamFixture.open();
        LogCapture logs = LogCapture.of("io.gust.net")) {
      IllegalStateException boom = new IllegalStateException("boom");
      CompletableFuture<Throwable> closed = new CompletableFuture<>();
      Pattern.Checker consumer = new Pattern.Checker() {
        @Override
        public void onData(Buffer chunk) {
          throw boom;
        }
      };
      f.run(() -> {
        f.stream.addCloseListener(closed::complete);
        f.stream.readStream(consumer);
      });
      f.peerOut().write('x');
      assertSame(boom, await(closed));
      assertSame(boom, awaitFailure(IllegalStateException.class, consumer.total));
      assertTrue(logs.hasAtLeast(Level.WARN), "no warning logged");
    }
  }

  @Test
  void aLongChainOfReadsStartedFromCallbacksDoesNotGrowTheStack() throws Exception {
    int lines = 20_000;
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Integer> done = new CompletableFuture<>();
      f.run(() -> readLines(f.stream, 0, lines, done));
      f.peerOut().write("x\n".repeat(lines).getBytes(US_ASCII));
      assertEquals(lines, await(done));
    }
  }

  /** Reads one line per callback, each read started from the previous one's completion. */
  private static void readLines(ChannelStream stream, int count, int total,
      CompletableFuture<Integer> done) {
    if (count == total) {
      done.complete(count);
      return;
    }
    stream.readUntil(LF, 100).whenComplete((line, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        readLines(stream, count + 1, total, done);
      }
    });
  }

  @Test
  void readListenerIsCalledAtOnceWithBytesAlreadyBuffered() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      f.peerOut().write("leftover".getBytes(US_ASCII));
      f.awaitBytesRead(8);
      List<String> seen = new ArrayList<>();
      f.run(() -> {
        f.stream.readWith(new ReadListener() {
          @Override
          public boolean onReadable(Buffer buffered) {
            seen.add(buffered.readUtf8());
            return false;
          }

          @Override
          public void onEnd(Buffer buffered) {}

          @Override
          public void onError(Throwable cause) {}
        });
        assertEquals(List.of("leftover"), seen, "not called before readWith returned");
      });
    }
  }

  /** Pins the reuse of one listener read per stream: a listener done hears nothing more. */
  @Test
  void eachReadListenerHearsOnlyItsOwnTurnAndAPendingOneCannotBeReplaced() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      List<String> first = new ArrayList<>();
      List<String> second = new ArrayList<>();
      CompletableFuture<List<String>> firstEnded = new CompletableFuture<>();
      CompletableFuture<List<String>> secondEnded = new CompletableFuture<>();
      f.peerOut().write("one".getBytes(US_ASCII));
      f.awaitBytesRead(3);
      f.run(() -> f.stream.readWith(new Recording(first, false, firstEnded)));
      assertEquals(List.of("data one"), first);
      CompletableFuture<Boolean> refused = new CompletableFuture<>();
      f.run(() -> {
        f.stream.readWith(new Recording(second, true, secondEnded));
        try {
          f.stream.readWith(new Recording(first, true, firstEnded));
          refused.complete(false);
        } catch (IllegalStateException e) {
          refused.complete(true);
        }
      });
      assertTrue(await(refused), "a second listener replaced a pending one");
      f.peerOut().write("two".getBytes(US_ASCII));
      f.peer.close();
      assertEquals(List.of("data two", "end"), await(secondEnded));
      assertEquals(List.of("data one"), f.onLoop(() -> List.copyOf(first)));
      assertFalse(firstEnded.isDone(), "the first listener heard the end of another's turn");
    }
  }

  /** Records what it hears; keeps listening when {@code more}. */
  private record Recording(List<String> heard, boolean more,
      CompletableFuture<List<String>> ended) implements ReadListener {
    @Override
    public boolean onReadable(Buffer buffered) {
      heard.add("data " + buffered.readUtf8());
      return more;
    }

    @Override
    public void onEnd(Buffer buffered) {
      heard.add("end");
      ended.complete(heard);
    }

    @Override
    public void onError(Throwable cause) {
      heard.add("error " + cause);
      ended.complete(heard);
    }
  }

  @Test
  void readListenerSeesTheUnconsumedTailWhenThePeerCloses() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<String> tail = new CompletableFuture<>();
      f.run(() -> f.stream.readWith(new ReadListener() {
        @Override
        public boolean onReadable(Buffer buffered) {
          return true;
        }

        @Override
        public void onEnd(Buffer buffered) {
          tail.complete(buffered.readUtf8());
        }

        @Override
        public void onError(Throwable cause) {
          tail.completeExceptionally(cause);
        }
      }));
      f.peerOut().write("body until close".getBytes(US_ASCII));
      f.peer.close();
      assertEquals("body until close", await(tail));
    }
  }

  @Test
  void writeListenersHearSuccessInOrderAndFailureAfterClose() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      List<String> heard = new ArrayList<>();
      CompletableFuture<Throwable> failed = new CompletableFuture<>();
      f.run(() -> {
        f.stream.write(new Buffer().writeUtf8("a"), () -> heard.add("a"));
        f.stream.write(new Buffer().writeUtf8("b"), () -> heard.add("b"));
        f.stream.close();
        f.stream.write(new Buffer().writeUtf8("c"), new WriteListener() {
          @Override
          public void onWritten() {
            heard.add("c");
          }

          @Override
          public void onWriteFailed(Throwable cause) {
            failed.complete(cause);
          }
        });
      });
      assertEquals(List.of("a", "b"), heard);
      assertFalse(((StreamClosedException) await(failed)).isClosedByPeer());
    }
  }

  @Test
  void closingTheLoopFailsPendingOperationsAndTellsCloseListeners() throws Exception {
    try (StreamFixture f = StreamFixture.open()) {
      CompletableFuture<Throwable> closed = new CompletableFuture<>();
      CompletableFuture<Buffer> read = f.onLoop(() -> {
        f.stream.addCloseListener(closed::complete);
        return f.stream.readBytes(1);
      });
      f.loop.close();
      assertFalse(awaitFailure(StreamClosedException.class, read).isClosedByPeer());
      assertTrue(await(closed) instanceof StreamClosedException);
      assertEquals(-1, f.peerIn().read(), "the loop should have closed the socket");
    }
  }
}

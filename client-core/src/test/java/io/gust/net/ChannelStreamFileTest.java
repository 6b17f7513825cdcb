package io.gust.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChannelStream#writeFile}: file regions in their place among writes, and short files. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChannelStreamFileTest {
  @TempDir Path dir;

  @Test
  void aFileRegionGoesOutBetweenTheWritesAroundIt() throws Exception {
    byte[] content = new byte[3_000_000];
    new Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("data.bin"), content);
    try (StreamFixture fixture = StreamFixture.open();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      CompletableFuture<Void> fileWritten = new CompletableFuture<>();
      CompletableFuture<Void> tailWritten = fixture.onLoop(() -> {
        fixture.stream.write(new Buffer().writeUtf8("head:"));
        fixture.stream.writeFile(channel, 10, content.length - 20, new WriteListener() {
          @Override
          public void onWritten() {
            fileWritten.complete(null);
          }
        });
        return fixture.stream.write(new Buffer().writeUtf8(":tail"));
      });
      byte[] received = fixture.peerIn().readNBytes(5 + content.length - 20 + 5);
      StreamFixture.await(tailWritten);
      assertTrue(fileWritten.isDone());
      assertEquals("head:", new String(received, 0, 5, StandardCharsets.US_ASCII));
      assertArrayEquals(Arrays.copyOfRange(content, 10, content.length - 10),
          Arrays.copyOfRange(received, 5, received.length - 5));
      assertEquals(":tail", new String(received, received.length - 5, 5,
          StandardCharsets.US_ASCII));
      assertEquals(0L, fixture.onLoop(fixture.stream::pendingWriteBytes));
    }
  }

  @Test
  void aFileShorterThanItsRegionFailsTheStreamWithEof() throws Exception {
    Path file = Files.write(dir.resolve("short.bin"), new byte[1000]);
    try (StreamFixture fixture = StreamFixture.open();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      CompletableFuture<Throwable> failed = new CompletableFuture<>();
      fixture.run(() -> fixture.stream.writeFile(channel, 0, 5000, new WriteListener() {
        @Override
        public void onWritten() {
          failed.complete(null);
        }

        @Override
        public void onWriteFailed(Throwable cause) {
          failed.complete(cause);
        }
      }));
      assertTrue(StreamFixture.await(failed) instanceof EOFException);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      fixture.peerIn().transferTo(received);
      assertEquals(1000, received.size());
    }
  }
}

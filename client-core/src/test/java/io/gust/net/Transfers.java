package io.gust.net;

import java.util.concurrent.CompletableFuture;
import okio.Buffer;

/** Bulk transfers of {@link Pattern} bytes through streams, for the throughput tests. */
final class Transfers {
  static final int CHUNK_BYTES = 1024 * 1024;

  private Transfers() {}

  /**
   * Writes {@code byteCount} pattern bytes to {@code stream}, one chunk after the previous one's
   * write completed; loop thread only. Completes once the last chunk was written.
   */
  static CompletableFuture<Void> send(ChannelStream stream, long byteCount) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    new Object() {
      long sent;

      void next() {
        if (sent == byteCount) {
          done.complete(null);
          return;
        }
        int length = (int) Math.min(CHUNK_BYTES, byteCount - sent);
        Buffer chunk = new Buffer().write(Pattern.bytes(sent, length));
        sent += length;
        stream.write(chunk).whenComplete((ignored, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else {
            next();
          }
        });
      }
    }.next();
    return done;
  }

  /**
   * Starts a streaming read on {@code stream} that checks every byte against the pattern;
   * completes with the count once {@code byteCount} bytes arrived. Loop thread only.
   */
  static CompletableFuture<Long> receive(ChannelStream stream, long byteCount) {
    Pattern.Checker checker = new Pattern.Checker() {
      @Override
      public void onData(Buffer chunk) {
        super.onData(chunk);
        if (received == byteCount) {
          total.complete(received);
        }
      }
    };
    stream.readStream(checker);
    return checker.total;
  }
}

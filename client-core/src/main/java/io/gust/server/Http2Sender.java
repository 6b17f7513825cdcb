package io.gust.server;

import io.gust.http2.ErrorCode;
import io.gust.http2.FrameWriter;
import io.gust.net.ChannelStream;
import io.gust.net.WriteListener;
import io.gust.http2.HeaderField;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import okio.Buffer;
import okio.ByteString;

/**
 * The write side of an {@link Http2ServerConnection}: frames are written into one buffer in the
 * order HPACK encoded them and handed to the socket in one write per batch (at the end of a read,
 * or at once for work done outside one); DATA frames come from the {@link Http2Output} within the
 * windows, and resume when the socket drains. It remembers the streams it reset lately, so frames
 * still in flight to them are dropped rather than answered. Loop-confined.
 */
final class Http2Sender {
  /** How many reset streams are remembered. */
  private static final int RECENT_RESETS = 128;

  final FrameWriter writer = new FrameWriter();
  /** Frames waiting to be handed to the socket, in the order written. */
  final Buffer out = new Buffer();
  final Http2Output output = new Http2Output();
  private final ChannelStream stream;
  /** Hears of the streams whose END_STREAM went out in a DATA frame. */
  private final Consumer<Http2ServerStream> ended;
  private final WriteListener socketDrained = this::flush;
  private final LinkedHashSet<Integer> recentResets = new LinkedHashSet<>();
  /** True while a read is handled; frames are then handed over once at its end. */
  private boolean batching;

  Http2Sender(ChannelStream stream, Consumer<Http2ServerStream> ended) {
    this.stream = stream;
    this.ended = ended;
  }

  /** Holds frames until {@link #endBatch()}. */
  void startBatch() {
    batching = true;
  }

  /** Hands the frames held since {@link #startBatch()} to the socket. */
  void endBatch() {
    batching = false;
    flush();
  }

  /** Makes the DATA frames the windows and the socket admit now. */
  void writeData() {
    output.flush(out, writer, stream.pendingWriteBytes(), stream.loop().nanoTime(), ended);
  }

  /** Hands what was written to the socket, unless a batch is under way. */
  void flushUnlessBatching() {
    if (!batching) {
      flush();
    }
  }

  /** Hands what was written to the socket, asking to hear when it drains if output waits. */
  void flush() {
    if (!stream.isOpen()) {
      out.clear();
      return;
    }
    if (!batching && output.isBlockedOnSocket()) {
      writeData();
    }
    if (out.size() > 0) {
      stream.write(out, output.isBlockedOnSocket() ? socketDrained : null);
    }
  }

  /**
   * Writes the response head of {@code target}; END_STREAM when it has no body. A head with a
   * body goes out with the body's first frame, or at the caller's {@link #flushUnlessBatching()}.
   */
  void sendHead(Http2ServerStream target, List<HeaderField> fields, boolean endStream) {
    if (target.localClosed || target.answered) {
      return;
    }
    target.answered = true;
    writer.headers(out, target.id, endStream, fields);
    if (endStream) {
      ended.accept(target);
      flushUnlessBatching();
    }
  }

  /** Writes an interim response head (such as 100 Continue) on {@code target}. */
  void sendInterim(Http2ServerStream target, int status) {
    writer.headers(out, target.id, false,
        List.of(new HeaderField(":status", Integer.toString(status))));
    flushUnlessBatching();
  }

  /** Queues body octets of {@code target}; the future completes once they left in DATA frames. */
  CompletableFuture<Void> sendData(Http2ServerStream target, ByteString data, boolean end) {
    if (target.localClosed) {
      return CompletableFuture.failedFuture(new IOException("the stream was reset"));
    }
    CompletableFuture<Void> sent = target.queue(data, end, stream.loop().nanoTime());
    output.enqueue(target);
    writeData();
    flushUnlessBatching();
    return sent;
  }

  /**
   * Ends {@code target} with {@code trailers} in a HEADERS frame, once the body queued before them
   * has left in DATA frames.
   */
  void sendTrailers(Http2ServerStream target, List<HeaderField> trailers) {
    if (!target.localClosed) {
      target.trailers = trailers;
      sendData(target, ByteString.EMPTY, true);
    }
  }

  /** Writes RST_STREAM for {@code streamId} and remembers it, to drop frames still in flight. */
  void writeReset(int streamId, ErrorCode code) {
    writer.rstStream(out, streamId, code);
    recentResets.add(streamId);
    if (recentResets.size() > RECENT_RESETS) {
      recentResets.remove(recentResets.iterator().next());
    }
  }

  /** Whether stream {@code id} was reset lately. */
  boolean wasReset(int id) {
    return recentResets.contains(id);
  }
}

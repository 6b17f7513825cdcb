package io.gust.server;

import io.gust.http2.FlowControlWindow;
import io.gust.http2.FrameWriter;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import okio.Buffer;

/**
 * Sends response bodies as DATA frames within the flow-control windows (RFC 9113 §5.2): the
 * connection's window shared by all streams and each stream's own. Streams with octets to send
 * take turns, one frame each, so one large body does not hold up the others; a stream whose own
 * window is empty leaves the turn until the client credits it, and all wait while the
 * connection's window is empty. A stream's trailers follow its last DATA frame. It also stops
 * while the socket holds {@link #SOCKET_HIGH_WATER} octets not yet written, so a client that
 * reads slowly slows the handlers' writes down. Loop-confined.
 */
final class Http2Output {
  /** Octets queued on the socket past which no further DATA frame is made. */
  static final long SOCKET_HIGH_WATER = 256 * 1024;

  /** What the server may still send on the whole connection. */
  final FlowControlWindow window = new FlowControlWindow(65_535);
  private final ArrayDeque<Http2ServerStream> ready = new ArrayDeque<>();
  private boolean blockedOnSocket;

  /** Puts {@code stream} in the queue if it has something to send and is not there already. */
  void enqueue(Http2ServerStream stream) {
    if (!stream.queued && stream.hasOutput()) {
      stream.queued = true;
      ready.add(stream);
    }
  }

  /** Whether frames wait for the socket to take what it holds. */
  boolean isBlockedOnSocket() {
    return blockedOnSocket;
  }

  /**
   * Writes DATA frames into {@code out} while the windows and the socket admit them, with {@code
   * socketBytes} already queued on the socket, at {@code nowNanos} on the loop's clock; hands the
   * streams whose END_STREAM went out to {@code ended}.
   */
  void flush(Buffer out, FrameWriter writer, long socketBytes, long nowNanos,
      Consumer<Http2ServerStream> ended) {
    blockedOnSocket = false;
    while (!ready.isEmpty()) {
      if (socketBytes + out.size() >= SOCKET_HIGH_WATER) {
        blockedOnSocket = true;
        return;
      }
      Http2ServerStream stream = ready.peek();
      long size = stream.pending.size();
      int byteCount = (int) Math.min(Math.min(size, stream.sendWindow.available()),
          Math.min(window.available(), writer.peerMaxFrameSize()));
      boolean end = stream.endQueued && byteCount == size;
      if (byteCount == 0 && !end) {
        if (stream.localClosed || size == 0 || stream.sendWindow.available() == 0) {
          ready.poll();
          stream.queued = false;
          continue;
        }
        return; // the connection's window is empty: everyone waits for its WINDOW_UPDATE
      }
      ready.poll();
      stream.queued = false;
      stream.sendWindow.consume(byteCount);
      window.consume(byteCount);
      boolean trailed = end && stream.trailers != null;
      if (byteCount > 0 || !trailed) {
        writer.data(out, stream.id, end && !trailed, stream.pending, byteCount);
      }
      stream.sent(byteCount, nowNanos);
      if (end) {
        if (trailed) {
          writer.headers(out, stream.id, true, stream.trailers);
          stream.trailers = null;
        }
        stream.endQueued = false;
        ended.accept(stream);
      } else {
        enqueue(stream);
      }
    }
  }
}

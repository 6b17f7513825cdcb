package io.gust.net;

import okio.Buffer;

/**
 * Reads straight from a {@link ChannelStream}'s own read buffer, for incremental protocol parsers
 * that want no future per read.
 *
 * <p>The listener consumes what it can from the buffer it is given and leaves the rest, which
 * stays buffered for its next call or for whichever read comes next on the stream. All methods
 * run on the stream's loop thread. A method that throws fails the stream with that exception.
 */
public interface ReadListener {
  /**
   * New bytes were added to {@code buffered} (the stream's buffer, not a copy). Consume from its
   * head; return true to go on listening, or false once done, which ends this read and leaves
   * unconsumed bytes in the stream. Called again only when more bytes arrive or reading resumes,
   * so a listener that needs more simply returns true. If it leaves the buffer at the stream's
   * read buffer cap, the stream fails with {@link ReadBufferOverflowException}.
   */
  boolean onReadable(Buffer buffered);

  /**
   * The peer ended its output cleanly: it closed the connection, or, on a stream that {@link
   * ChannelStream#allowHalfClose() allows a half close}, only its sending side, and the stream is
   * still open for writes. {@code buffered} holds what the listener left unconsumed (for a body
   * that runs until close); it stays in the stream for the next read. No more calls follow.
   */
  void onEnd(Buffer buffered);

  /** The stream failed or was closed locally; no more calls follow. */
  void onError(Throwable cause);
}

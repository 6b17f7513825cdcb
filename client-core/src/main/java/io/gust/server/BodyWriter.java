package io.gust.server;

import io.gust.loop.EventLoop;
import java.util.concurrent.CompletionStage;
import okio.ByteString;

/**
 * Writes a streamed response body piece by piece: as chunks of the chunked coding, or as raw
 * bytes when the response announced its length (or the client speaks HTTP/1.0).
 *
 * <p>Call it on the connection's {@link #loop()} thread only. Each {@link #write} goes out at
 * once (there is no buffering to flush) and its stage completes once the bytes were handed to
 * the socket: wait for it before writing more, and a slow client slows the producer down. Exactly
 * one of {@link #close()} and {@link #abort} ends the body.
 */
public interface BodyWriter {
  /**
   * Sends {@code data}; the stage completes when it was written to the socket, or fails when the
   * connection closed first. Writing past an announced length fails the stage.
   */
  CompletionStage<Void> write(ByteString data);

  /** Ends the body (the last chunk); the connection then serves its next request or closes. */
  void close();

  /** Gives up on the body: the connection is closed, so the client sees it cut short. */
  void abort(Throwable cause);

  /** The loop this writer must be called on. */
  EventLoop loop();
}

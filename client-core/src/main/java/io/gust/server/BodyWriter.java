package io.gust.server;

import io.gust.client.Headers;
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
 * one of {@link #close()}, {@link #close(Headers)} and {@link #abort} ends the body.
 *
 * <p>Trailer fields, such as a checksum known only once the body was produced, go out with
 * {@link #close(Headers)} whatever the protocol: over HTTP/1.1 in the chunked coding's trailer
 * section, over HTTP/2 in a HEADERS frame that ends the stream. RFC 9110 §6.5.2 suggests
 * announcing them in a {@code Trailer} field of the head, which is the handler's to add.
 */
public interface BodyWriter {
  /**
   * Sends {@code data}; the stage completes when it was written to the socket, or fails when the
   * connection closed first. Writing past an announced length fails the stage.
   */
  CompletionStage<Void> write(ByteString data);

  /** Ends the body (the last chunk); the connection then serves its next request or closes. */
  void close();

  /**
   * Ends the body as {@link #close()} does, followed by {@code trailers} (none when empty). Does
   * nothing once the body has ended.
   *
   * @throws IllegalArgumentException for a field not allowed in trailers (RFC 9110 §6.5.1:
   *     framing, connection control, routing, request modifiers, authentication and cookies,
   *     response control data such as {@code Date} or {@code Location}, and {@code Content-*}
   *     fields but {@code Content-Digest}); the body is then left open
   * @throws IllegalStateException when trailers were given but this response cannot carry them
   *     (see {@link #allowsTrailers()}); the body is then left open, to be ended with {@link
   *     #close()} or {@link #abort}
   */
  void close(Headers trailers);

  /**
   * Whether this body can end with trailer fields: over HTTP/2 always; over HTTP/1.1 only when
   * it is sent with the chunked coding, not when its length was announced up front ({@link
   * Response#streaming(int, long, StreamingBody)}, or a file) or the client speaks HTTP/1.0.
   */
  boolean allowsTrailers();

  /** Gives up on the body: the connection is closed, so the client sees it cut short. */
  void abort(Throwable cause);

  /** The loop this writer must be called on. */
  EventLoop loop();
}

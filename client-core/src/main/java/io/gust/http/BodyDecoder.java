package io.gust.http;

import io.gust.client.Headers;
import io.gust.client.HttpProtocolException;
import io.gust.client.TruncatedBodyException;
import okio.Buffer;

/**
 * Removes a message body's transfer framing incrementally: moves body bytes from the connection's
 * buffer to an output buffer (moving segments, not copying) and stops exactly at the end of the
 * body, so that the next pipelined or keep-alive message stays in the input. Created by {@link
 * BodyFraming#newDecoder}. Loop-confined; one per message.
 */
public interface BodyDecoder {
  /**
   * Moves the body bytes available in {@code in} to {@code out}; returns true once the whole body
   * (and trailer section) has been consumed, false when more input is needed. Throws on malformed
   * framing and when the body passes the body size limit.
   */
  boolean decode(Buffer in, Buffer out) throws HttpProtocolException;

  /**
   * Reports that the connection delivered its last byte. Returns normally when the body is
   * complete, which for a body read until close it now is; throws {@link TruncatedBodyException}
   * when a length-framed or chunked body was cut short.
   */
  void endOfInput() throws HttpProtocolException;

  /** Returns the trailer fields of a chunked body once decoded; empty otherwise. */
  default Headers trailers() {
    return Headers.empty();
  }
}
